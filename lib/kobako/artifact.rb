# frozen_string_literal: true

module Kobako
  # The guest module (data/kobako.wasm), compiled once per process by the
  # native extension and cached in memory and on disk (docs/native.md,
  # docs/deployment.md). Loads are logged through Kobako.logger.
  module Artifact
    # path => [size, mtime, Native::Artifact]: one stat per Sandbox.new
    # instead of the native loader's canonicalize + stat, while a rebuilt file
    # (new size or mtime) is still noticed.
    @loaded = {}
    @lock = Mutex.new

    # How a module was obtained (Native::Artifact#load_info) => log wording.
    ORIGINS = {
      "disk_cache" => "loaded from the disk cache %<dir>s",
      "compiled_and_cached" => "compiled and stored in the disk cache %<dir>s",
      "compiled" => "compiled (disk cache %<dir>s)"
    }.freeze

    module_function

    def load(path)
      stat = begin
        File.stat(path)
      rescue Errno::ENOENT, Errno::ENOTDIR
        raise ModuleNotBuiltError,
              "guest artifact not found at #{path}; build it with `bin/setup` (or `rake wasm:build`) " \
              "in a kobako checkout"
      end
      identity = [stat.size, stat.mtime]
      size, mtime, artifact = @lock.synchronize { @loaded[path] }
      return artifact if identity == [size, mtime]

      artifact = load_native(path)
      @lock.synchronize { @loaded[path] = [*identity, artifact].freeze }
      artifact
    end

    # The slow path, once per process and file: the native loader reads the
    # disk cache or compiles (a second or more).
    def load_native(path)
      dir = Kobako.configuration.cache_dir
      logger = Kobako.logger
      logger&.info { "kobako: loading the guest module #{path} (disk cache #{dir || 'off'}; compiles on a miss)" }
      artifact = Native::Artifact.load(path, dir)
      origin, seconds = artifact.load_info
      logger&.info do
        how = format(ORIGINS.fetch(origin, origin), dir: dir || "off")
        format("kobako: guest module %<how>s in %<ms>.1f ms", how: how, ms: seconds * 1000)
      end
      artifact
    end
  end

  class << self
    # Loads the guest module now, into this process's memory and the disk
    # cache, so that the first Sandbox does not pay for compiling it: call it
    # at boot (before a server forks) or in a Docker build step (`rake
    # kobako:warm`). Returns `{path:, origin:, seconds:}`, origin being
    # "disk_cache", "compiled_and_cached" or "compiled".
    def warm!(wasm_path: Sandbox::DEFAULT_WASM_PATH)
      path = Options.path(wasm_path)
      origin, seconds = Artifact.load(path).load_info
      { path: path, origin: origin, seconds: seconds }
    end
  end
end
