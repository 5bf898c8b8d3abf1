# frozen_string_literal: true

module Kobako
  # Rails integration (docs/rails.md), loaded by `require "kobako"` only when
  # Rails::Railtie is already defined; kobako never loads Rails itself.
  #
  #   # config/application.rb or config/initializers/kobako.rb
  #   config.kobako.pool_size = 5
  #   config.kobako.sandbox = { timeout: 2.0, memory_limit: 16 << 20 }
  #   config.kobako.setup { |sandbox| sandbox.define(:Shop).bind(:Products, ProductCatalog.new) }
  #
  #   Kobako.pool.with { |sandbox| sandbox.eval(code, filename: "tool.rb") }
  #
  # It sets Kobako.logger to Rails.logger (unless one is set), attaches
  # Kobako::LogSubscriber (a debug line per invocation), warms the guest
  # module at boot when `config.kobako.warm` is true (default: when
  # config.eager_load is, i.e. in production; in the Puma master before it
  # forks with preload_app!), and adds `rake kobako:warm`.
  class Railtie < ::Rails::Railtie
    config.kobako = Kobako.configuration

    initializer "kobako.logger" do
      Kobako.logger ||= ::Rails.logger
    end

    initializer "kobako.log_subscriber" do
      require_relative "log_subscriber"
      LogSubscriber.attach_to :kobako
    end

    config.after_initialize do |app|
      warm = app.config.kobako.warm
      warm = app.config.eager_load if warm.nil?
      Kobako.warm! if warm
    end

    rake_tasks do
      load File.expand_path("tasks/kobako.rake", __dir__)
    end
  end
end
