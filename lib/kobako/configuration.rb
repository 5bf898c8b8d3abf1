# frozen_string_literal: true

require "pathname"

module Kobako
  # Process-wide settings (docs/deployment.md, docs/rails.md):
  #
  #   Kobako.configure do |c|
  #     c.logger = Logger.new($stderr)  # guest-module load lines; nil (silent) by default
  #     c.cache_dir = "/var/cache/kobako" # default: $KOBAKO_CACHE_DIR, else the XDG cache
  #     c.disk_cache = false            # or KOBAKO_CACHE_DIR=off
  #     c.pool_size = 5                 # Kobako.pool
  #     c.sandbox = { timeout: 2.0 }    # its Sandbox options
  #     c.setup { |sandbox| sandbox.define(:Shop).bind(:Products, catalog) }
  #   end
  #
  # In a Rails app the same object is `config.kobako`.
  class Configuration
    # KOBAKO_CACHE_DIR=off turns the disk cache off.
    OFF = "off"

    attr_accessor :logger, :disk_cache, :warm
    attr_reader :pool_size, :checkout_timeout, :sandbox

    def initialize
      @logger = nil
      @cache_dir = nil
      @disk_cache = true
      @pool_size = 5 # Puma's and Rails' default thread count
      @checkout_timeout = 5.0
      @sandbox = {}.freeze
      @setup = nil
      @warm = nil
    end

    # A String or Pathname; nil for the default ($KOBAKO_CACHE_DIR, else
    # $XDG_CACHE_HOME/kobako or ~/.cache/kobako).
    def cache_dir=(path)
      unless path.nil? || path.is_a?(String) || path.respond_to?(:to_path)
        raise ArgumentError, "cache_dir: must be a String, a Pathname or nil, got #{path.inspect}"
      end

      @cache_dir = path
    end

    # The disk cache directory to use, as an absolute path, or nil when it is
    # off. Only this directory is ever created (and, for the default
    # location, the XDG cache base ~/.cache when $HOME exists).
    def cache_dir
      return nil unless disk_cache

      explicit = @cache_dir || ENV.fetch("KOBAKO_CACHE_DIR", nil)
      explicit = nil if explicit.is_a?(String) && explicit.empty?
      return nil if explicit.to_s.casecmp?(OFF)
      return File.expand_path(explicit) if explicit

      default_cache_dir
    end

    def pool_size=(size)
      unless size.is_a?(Integer) && size.positive?
        raise ArgumentError, "pool_size: must be an Integer > 0, got #{size.inspect}"
      end

      @pool_size = size
    end

    def checkout_timeout=(seconds)
      @checkout_timeout = seconds.nil? ? nil : Options.timeout(seconds)
    end

    # Sandbox options for Kobako.pool's Sandboxes, checked now.
    def sandbox=(options)
      raise ArgumentError, "sandbox: must be a Hash, got #{options.inspect}" unless options.is_a?(Hash)

      options = options.transform_keys(&:to_sym)
      options.each do |name, value|
        Pool::OPTION_CHECKS.fetch(name) { raise ArgumentError, "sandbox: unknown option #{name}" }.call(value)
      end
      @sandbox = options.freeze
    end

    # With a block: sets the block that sets up each of Kobako.pool's
    # Sandboxes (binds Services, preloads snippets). Returns it.
    def setup(&block)
      @setup = block if block
      @setup
    end

    # A new Pool from these settings (Kobako.pool makes one per process).
    def build_pool
      Pool.new(slots: pool_size, checkout_timeout: checkout_timeout, **sandbox, &@setup)
    end

    private

    def default_cache_dir
      xdg = ENV.fetch("XDG_CACHE_HOME", nil)
      base = if xdg && Pathname.new(xdg).absolute?
               xdg
             else
               home = ENV.fetch("HOME", nil) # rubocop:disable Style/EnvHome -- Dir.home falls back to passwd
               return nil unless home && Pathname.new(home).absolute? && File.directory?(home)

               File.join(home, ".cache")
             end
      make_base(base) ? File.join(base, "kobako") : nil
    end

    # The XDG base is created like any XDG application would (0700), but
    # only when its own parent exists: a missing $HOME is never created.
    def make_base(base)
      return true if File.directory?(base)

      Dir.mkdir(base, 0o700)
      true
    rescue SystemCallError
      false
    end
  end

  @configuration = Configuration.new

  class << self
    attr_reader :configuration

    # Yields the process-wide Configuration; returns it.
    def configure
      yield configuration
      configuration
    end

    def logger = configuration.logger

    def logger=(logger)
      configuration.logger = logger
    end
  end
end
