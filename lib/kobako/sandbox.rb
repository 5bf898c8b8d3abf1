# frozen_string_literal: true

module Kobako
  # Runs mruby code in a fresh WebAssembly instance per invocation (SPEC 2.1, 2.4).
  class Sandbox
    DEFAULT_WASM_PATH = File.expand_path("../../data/kobako.wasm", __dir__)
    EMPTY_OUTPUT = ""

    attr_reader :timeout, :memory_limit, :stdout_limit, :stderr_limit, :profile, :gvl, :wasm_path,
                :stdout, :stderr, :usage

    # rubocop:disable Metrics/ParameterLists -- the option set is the public contract (SPEC 2.1)
    def initialize(timeout: 60.0, memory_limit: 1 << 20, stdout_limit: 1 << 20, stderr_limit: 1 << 20,
                   profile: :hermetic, gvl: :release, wasm_path: DEFAULT_WASM_PATH)
      @timeout = Options.timeout(timeout)
      @memory_limit = Options.limit(:memory_limit, memory_limit)
      @stdout_limit = Options.limit(:stdout_limit, stdout_limit)
      @stderr_limit = Options.limit(:stderr_limit, stderr_limit)
      @profile = Options.choice(:profile, profile, Options::PROFILES)
      @gvl = Options.choice(:gvl, gvl, Options::GVL_MODES)
      @wasm_path = Options.path(wasm_path)
      @artifact = load_artifact(@wasm_path)
      @mutex = Mutex.new
      @catalog = Catalog.new
      @snippets = Snippets.new
      @transport = Transport.new(@catalog)
      reset_observations
      @usage = Usage::ZERO
    end
    # rubocop:enable Metrics/ParameterLists

    # The Services and per-invocation Handles this sandbox lends (internal;
    # exposed so tests can inject a small Handle cap).
    attr_reader :catalog

    # `sandbox.define(:KV).bind(:Lookup, object)`: the guest calls it as
    # `KV::Lookup.call(...)` (SPEC 2.2).
    def define(name)
      @mutex.synchronize { @catalog.define(name) }
    end

    # Adds a snippet replayed before every #eval and #run, in insertion order
    # (SPEC 2.3). `code:` is compiled here, with the guest's compiler, so a
    # syntax error raises now; `binary:` (RITE bytecode) is checked at each
    # invocation and raises Kobako::BytecodeError there if it is invalid.
    # Returns the sandbox, so preloads chain.
    def preload(code: nil, binary: nil, name: nil)
      unless code.nil? ^ binary.nil?
        raise ArgumentError, "preload takes exactly one of code: (source) or binary: (RITE bytecode)"
      end

      @mutex.synchronize do
        @catalog.check_open!("preload")
        code ? preload_code(code, name) : preload_binary(binary, name)
      end
      self
    end

    # Evaluates +source+ in a fresh guest and returns its last expression's value.
    def eval(source)
      source = Sandbox.utf8_source(source)
      @mutex.synchronize do
        seal!
        invoke("Sandbox#eval") { { "src" => source } }
      end
    end

    # Calls `Target.call(*args, **kwargs)` on an entrypoint the snippets
    # defined, in a fresh guest (SPEC 2.4). Arguments the wire cannot carry
    # are lent as Handles for this invocation (B-34).
    def run(target, *args, **kwargs)
      name = entrypoint_name(target)
      @mutex.synchronize do
        seal!
        invoke("Sandbox#run") { { "run" => [name, run_arguments(args, kwargs)] } }
      end
    end

    # The guest reads source as UTF-8. Binary source (File.binread) is
    # reinterpreted, other encodings are transcoded.
    def self.utf8_source(source)
      raise TypeError, "source must be a String, got #{source.class}" unless source.is_a?(String)

      utf8 = if source.encoding == Encoding::BINARY
               String.new(source, encoding: Encoding::UTF_8)
             else
               source.encode(Encoding::UTF_8)
             end
      return utf8 if utf8.valid_encoding?

      raise ArgumentError, "source is not valid UTF-8"
    rescue EncodingError => e
      raise ArgumentError, "source cannot be converted to UTF-8 (#{e.message})"
    end

    def stdout_truncated?
      @stdout_truncated
    end

    def stderr_truncated?
      @stderr_truncated
    end

    def inspect
      "#<#{self.class} profile=#{profile.inspect} timeout=#{timeout.inspect} memory_limit=#{memory_limit.inspect}>"
    end

    private

    def load_artifact(path)
      unless File.exist?(path)
        raise ModuleNotBuiltError,
              "guest artifact not found at #{path}; build it with `bin/setup` (or `rake wasm:build`) " \
              "in a kobako checkout"
      end

      Native::Artifact.load(path)
    end

    # B-33: the first invocation freezes the setup, even when it fails.
    def seal!
      @catalog.seal!
      @snippets.frame
    end

    # The block builds the operation part of the frame; it runs with this
    # invocation's empty handle table, so it may lend Handles (#run).
    def invoke(label)
      @transport.reset
      frame = yield
      reset_observations
      @snippets.check!
      outcome, out, err, out_tr, err_tr, wall, peak, error =
        @artifact.invoke(Codec.encode(preamble(frame)), label, native_config, dispatcher)
      @stdout = captured(out)
      @stderr = captured(err)
      @stdout_truncated = out_tr ? true : false
      @stderr_truncated = err_tr ? true : false
      @usage = Usage.new(wall_time: wall, memory_peak: peak, service_calls: @transport.calls)
      raise error if error

      @transport.restore_result(Outcome.read(outcome, label))
    ensure
      @catalog.reset_handles # B-18: Handles never outlive their invocation
    end

    # Services and snippets ride along with every invocation.
    def preamble(frame)
      frame["services"] = @catalog.services unless @catalog.empty?
      frame["snippets"] = @snippets.frame unless @snippets.empty?
      frame
    end

    # Nil when the guest can reach nothing on the host: no Services and no
    # Handles lent by #run.
    def dispatcher
      @catalog.empty? && !@catalog.lent? ? nil : @transport
    end

    def preload_code(code, name)
      label = Catalog.constant_name(name, "snippet name")
      @snippets.check_unique!(label)
      source = Sandbox.utf8_source(code)
      @snippets.add_compiled(label, compile_bytecode(source, "(snippet:#{label})", true, "Sandbox#preload"))
    end

    def preload_binary(binary, name)
      raise TypeError, "binary: must be a String of RITE bytecode, got #{binary.class}" unless binary.is_a?(String)

      label = name.nil? ? nil : Catalog.constant_name(name, "snippet name")
      @snippets.add_binary(label, binary.b.freeze)
    end

    # Runs the guest's compiler in a fresh instance; also used by
    # Kobako::Bytecode.compile. Leaves this sandbox's observations alone.
    def compile_bytecode(source, file_name, debug, label)
      frame = Codec.encode({ "compile" => [source, file_name, debug] })
      outcome, = @artifact.invoke(frame, label, compile_config, nil)
      Outcome.read(outcome, label)
    end

    def compile_config
      memory = Options.native_limit([memory_limit || 0, Bytecode::COMPILE_MEMORY].max)
      [timeout, memory, 1 << 16, 1 << 16, false, gvl == :release]
    end

    def entrypoint_name(target)
      unless target.is_a?(Symbol) || target.is_a?(String)
        raise TypeError, "#run target must be a Symbol or String, got #{target.class}"
      end
      return target.to_s if target.to_s.match?(Catalog::NAME)

      raise ArgumentError,
            "#run target must name a top-level constant (#{Catalog::NAME.inspect}), got #{target.inspect}"
    end

    # `[args, kwargs]` as one MessagePack blob; non-representable objects
    # become Handles (B-34). A Kobako::Handle, Binding, Method or
    # UnboundMethod is refused before anything runs.
    def run_arguments(args, kwargs)
      Codec.encode(@transport.lend([args, kwargs]))
    rescue TypeError => e
      raise ArgumentError, "#run argument refused: #{e.message}"
    end

    def native_config
      @native_config ||= [
        timeout, Options.native_limit(memory_limit), Options.native_limit(stdout_limit),
        Options.native_limit(stderr_limit), profile == :permissive, gvl == :release
      ].freeze
    end

    def reset_observations
      @stdout = EMPTY_OUTPUT
      @stderr = EMPTY_OUTPUT
      @stdout_truncated = false
      @stderr_truncated = false
      @usage = Usage::ZERO
    end

    # Guest output is raw bytes; it is labelled UTF-8 (what mruby writes) but
    # deliberately not scrubbed, so nothing the script wrote is altered.
    def captured(bytes)
      return EMPTY_OUTPUT if bytes.nil? || bytes.empty?

      String.new(bytes, encoding: Encoding::UTF_8).freeze
    end
  end
end
