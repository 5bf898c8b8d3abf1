# frozen_string_literal: true

require "rbconfig"

# CRuby 3.1 is the oracle of every differential test, whichever Ruby runs the
# suite (rake test:ruby33 runs it on 3.3, whose messages and json differ).
ORACLE_RUBY = ENV.fetch("KOBAKO_ORACLE_RUBY") do
  File.executable?("/usr/bin/ruby3.1") ? "/usr/bin/ruby3.1" : RbConfig.ruby
end
