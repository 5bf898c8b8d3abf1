# frozen_string_literal: true

module Kobako
  # mruby RITE bytecode made by the guest's own compiler, so it always matches
  # the mruby inside the sandbox (docs/behaviours.md §2.3, docs/bytecode.md). Load it with
  # `sandbox.preload(binary: bytes)`.
  module Bytecode
    # Compiling is trusted host work, not a guest's: it gets a larger memory
    # allowance than a Sandbox's default so big snippet files compile.
    COMPILE_MEMORY = 256 << 20
    COMPILE_TIMEOUT = 60.0
    MAX_NAME_BYTES = 255

    module_function

    # code → binary String of RITE bytecode. +name+ is the file name recorded
    # in the debug info (backtraces show `name:LINE`); `debug: false` leaves the
    # debug info out. A syntax error raises Kobako::SandboxError.
    def compile(code, name:, debug: true, wasm_path: Sandbox::DEFAULT_WASM_PATH)
      artifact = Artifact.load(Options.path(wasm_path))
      build(artifact, [Source.utf8(code), file_name(name), debug ? true : false], "Kobako::Bytecode.compile")
    end

    # Runs the compiler in a fresh guest instance of +artifact+; +request+ is
    # `[source, file name, keep debug info?]`.
    def build(artifact, request, label, timeout: COMPILE_TIMEOUT, gvl: :release)
      frame = Codec.encode({ "compile" => request })
      Outcome.read(artifact.invoke(frame, label, options(timeout, gvl), nil).outcome, label)
    end

    # The compiler's own limits: 64 KiB of output is plenty for its messages.
    def options(timeout, gvl)
      SandboxOptions.new(timeout: timeout, memory_limit: COMPILE_MEMORY, stdout_limit: 1 << 16,
                         stderr_limit: 1 << 16, profile: :hermetic, gvl: gvl)
    end

    def file_name(name)
      text = name.is_a?(Symbol) || name.is_a?(String) ? name.to_s : nil
      raise ArgumentError, "name: must be a Symbol or String, got #{name.inspect}" unless text
      unless text.bytesize.between?(1, MAX_NAME_BYTES) && !text.include?("\0")
        raise ArgumentError, "name: must be 1..#{MAX_NAME_BYTES} bytes without NUL, got #{text.inspect}"
      end

      text.encode(Encoding::UTF_8)
    rescue EncodingError => e
      raise ArgumentError, "name: cannot be converted to UTF-8 (#{e.message})"
    end
  end
end
