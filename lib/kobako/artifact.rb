# frozen_string_literal: true

module Kobako
  # The guest module (data/kobako.wasm), compiled once per process by the
  # native extension and cached in memory and on disk (docs/native.md).
  module Artifact
    module_function

    def load(path)
      unless File.exist?(path)
        raise ModuleNotBuiltError,
              "guest artifact not found at #{path}; build it with `bin/setup` (or `rake wasm:build`) " \
              "in a kobako checkout"
      end

      Native::Artifact.load(path)
    end
  end
end
