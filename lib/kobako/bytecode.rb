# frozen_string_literal: true

module Kobako
  # mruby RITE bytecode made by the guest's own compiler, so it always matches
  # the mruby inside the sandbox (SPEC 2.3). Load it with
  # `sandbox.preload(binary: bytes)`.
  module Bytecode
    # Compiling is trusted host work, not a guest's: it gets a larger memory
    # allowance than a Sandbox's default so big snippet files compile.
    COMPILE_MEMORY = 256 << 20
    MAX_NAME_BYTES = 255

    module_function

    # code → binary String of RITE bytecode. +name+ is the file name recorded
    # in the debug info (backtraces show `name:LINE`); `debug: false` leaves the
    # debug info out. A syntax error raises Kobako::SandboxError.
    def compile(code, name:, debug: true, wasm_path: Sandbox::DEFAULT_WASM_PATH)
      source = Sandbox.utf8_source(code)
      sandbox = Sandbox.new(memory_limit: COMPILE_MEMORY, wasm_path: wasm_path)
      sandbox.__send__(:compile_bytecode, source, file_name(name), debug ? true : false, "Kobako::Bytecode.compile")
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
