# frozen_string_literal: true

require_relative "kobako/version"
require_relative "kobako/errors"
require_relative "kobako/handle"
require_relative "kobako/codec"
require_relative "kobako/usage"
require_relative "kobako/capture"
require_relative "kobako/options"
require_relative "kobako/sandbox_options"
require_relative "kobako/invocation_result"
require_relative "kobako/source"
require_relative "kobako/outcome"
require_relative "kobako/policy"
require_relative "kobako/namespace"
require_relative "kobako/catalog"
require_relative "kobako/wire_status"
require_relative "kobako/transport"
require_relative "kobako/snippets"
require_relative "kobako/bytecode"
require_relative "kobako/configuration"
require_relative "kobako/artifact"
require_relative "kobako/instrumentation"
require_relative "kobako/sandbox"
require_relative "kobako/pool"
require_relative "kobako/shared_pool"

require_relative "kobako/railtie" if defined?(Rails::Railtie)

# The native extension is loaded last: it looks up the error classes above by
# name when it initializes. A platform gem carries one build per Ruby minor
# version (lib/kobako/<major.minor>/kobako.so); a source gem or a checkout
# has the one it compiled (lib/kobako/kobako.so).
begin
  per_ruby = "kobako/#{RUBY_VERSION[/\A\d+\.\d+/]}/kobako"
  require(Dir.exist?(File.join(__dir__, File.dirname(per_ruby))) ? per_ruby : "kobako/kobako")
rescue LoadError => e
  raise LoadError, "kobako's native extension is not built (#{e.message}); in a checkout, run `bin/setup` " \
                   "(or `rake compile`)"
end

# Runs untrusted mruby code inside a WebAssembly sandbox, in-process.
module Kobako
end
