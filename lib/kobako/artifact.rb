# frozen_string_literal: true

module Kobako
  # The guest module (data/kobako.wasm), compiled once per process by the
  # native extension and cached in memory and on disk (docs/native.md).
  module Artifact
    # path => [size, mtime, Native::Artifact]: one stat per Sandbox.new
    # instead of the native loader's canonicalize + stat, while a rebuilt file
    # (new size or mtime) is still noticed.
    @loaded = {}
    @lock = Mutex.new

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

      artifact = Native::Artifact.load(path)
      @lock.synchronize { @loaded[path] = [*identity, artifact].freeze }
      artifact
    end
  end
end
