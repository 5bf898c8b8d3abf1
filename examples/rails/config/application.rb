# frozen_string_literal: true

# A minimal Rails app (no database, API only) that runs posted scripts in
# kobako Sandboxes from Kobako.pool, against a model-like Service
# (docs/rails.md). test/rails_app_test.rb serves it with Puma in cluster mode.
require "rails"
require "action_controller/railtie"
require "kobako" # after Rails: it then loads Kobako::Railtie

module ScriptRunner
  class Application < Rails::Application
    config.root = File.expand_path("..", __dir__)
    config.load_defaults 6.1
    config.api_only = true
    config.eager_load = true # as in production: the Railtie warms the guest module at boot
    config.secret_key_base = ENV.fetch("SECRET_KEY_BASE", "example-only-not-a-secret")
    config.hosts.clear
    config.logger = ActiveSupport::Logger.new($stdout)
    config.log_level = ENV.fetch("LOG_LEVEL", "debug").to_sym

    # Each Puma thread checks a Sandbox out of this process's pool.
    config.kobako.pool_size = 4
    config.kobako.sandbox = { timeout: 1.0, memory_limit: 8 << 20, stdout_limit: 4096 }
  end
end
