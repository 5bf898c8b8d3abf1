# frozen_string_literal: true

# Runs only the named benchmark groups, printing their rows (no results
# file): for a quick before/after of one area.
#
#   ruby -Ilib benchmark/groups.rb InvocationRows BaselineRows [--smoke]
require "kobako"
require_relative "harness"
Dir[File.join(__dir__, "rows", "*.rb")].each { |file| require file }

names = ARGV.reject { |arg| arg.start_with?("--") }
abort "usage: ruby -Ilib benchmark/groups.rb GROUP... (e.g. InvocationRows)" if names.empty?
names.each do |name|
  KobakoBench.const_get(name).rows.each do |row|
    printf("%<name>-70s median %<median>11.2f  p10 %<p10>11.2f  p90 %<p90>11.2f  %<unit>s (n=%<n>d)\n", **row.to_h)
  end
end
