# frozen_string_literal: true

module Kobako
  # Runs mruby code in a fresh WebAssembly instance per invocation (docs/behaviours.md §2.1, 2.4).
  class Sandbox
    DEFAULT_WASM_PATH = File.expand_path("../../data/kobako.wasm", __dir__)

    # The validated option set (Kobako::SandboxOptions); each option also has
    # its own reader.
    attr_reader :options

    SandboxOptions::NAMES.each { |name| define_method(name) { @options.public_send(name) } }

    # Keywords and defaults: Kobako::SandboxOptions (docs/behaviours.md §2.1).
    def initialize(**options)
      @options = SandboxOptions.new(**options)
      @artifact = Artifact.load(@options.wasm_path)
      @mutex = Mutex.new
      @catalog = Catalog.new
      @snippets = Snippets.new
      @transport = Transport.new(@catalog)
      @capture = Capture::EMPTY
    end

    # The Services and per-invocation Handles this sandbox lends (internal;
    # exposed so tests can inject a small Handle cap).
    attr_reader :catalog

    # `sandbox.define(:KV).bind(:Lookup, object)`: the guest calls it as
    # `KV::Lookup.call(...)` (docs/behaviours.md §2.2).
    def define(name)
      @mutex.synchronize { @catalog.define(name) }
    end

    # Adds a snippet replayed before every #eval and #run, in insertion order
    # (docs/behaviours.md §2.3). `code:` is compiled here, with the guest's compiler, so a
    # syntax error raises now; `binary:` (RITE bytecode) is checked at each
    # invocation and raises Kobako::BytecodeError there if it is invalid.
    # Returns the sandbox, so preloads chain.
    def preload(code: nil, binary: nil, name: nil)
      unless code.nil? ^ binary.nil?
        raise ArgumentError, "preload takes exactly one of code: (source) or binary: (RITE bytecode)"
      end

      @mutex.synchronize do
        @catalog.check_open!("preload")
        if code
          @snippets.add_source(name, code) { |source, file| compile(source, file) }
        else
          @snippets.add_binary(name, binary)
        end
      end
      self
    end

    # Evaluates +source+ in a fresh guest and returns its last expression's
    # value. +filename+ names the script in messages and backtraces
    # (`tool.rb:3:in foo`, `tool.rb:2:4: syntax error`); "(eval)" without it.
    def eval(source, filename: nil)
      source = Source.utf8(source)
      filename = Source.filename(filename)
      entries = [Codec.encode_text_pair("src", source)]
      entries << Codec.encode_text_pair("file", filename) if filename
      Instrumentation.wrap(Instrumentation::EVAL, self, :filename, filename || "(eval)") do
        invoke("Sandbox#eval") { entries }
      end
    end

    # Calls `Target.call(*args, **kwargs)` on an entrypoint the snippets
    # defined, in a fresh guest (docs/behaviours.md §2.4). Arguments the wire cannot carry
    # are lent as Handles for this invocation (B-34).
    def run(target, *args, **kwargs)
      name = Catalog.entrypoint_name(target)
      Instrumentation.wrap(Instrumentation::RUN, self, :target, name) do
        invoke("Sandbox#run") { Codec.encode_pair("run", [name, @transport.run_arguments(args, kwargs)]) }
      end
    end

    # What the last invocation wrote and used (docs/behaviours.md §2.6, 2.7).
    def stdout = @capture.stdout
    def stderr = @capture.stderr
    def stdout_truncated? = @capture.stdout_truncated?
    def stderr_truncated? = @capture.stderr_truncated?
    def usage = @capture.usage

    def inspect
      "#<#{self.class} profile=#{profile.inspect} timeout=#{timeout.inspect} memory_limit=#{memory_limit.inspect}>"
    end

    private

    # B-33: the first invocation freezes the setup, even when it fails. The
    # Services and snippets then never change, so their part of every frame
    # is packed here, once, into a Native::Preamble: the native side starts
    # each invocation from a snapshot of that setup, or replays it
    # (docs/snippets.md, "Snapshot"). Nil when there is nothing to set up.
    def seal!
      return if @catalog.sealed?

      @catalog.seal!
      entries = [@catalog.empty? ? nil : Codec.encode_pair("services", @catalog.services),
                 @snippets.empty? ? nil : Codec.encode_pair("snippets", @snippets.frame)].compact
      @preamble = entries.empty? ? nil : Native::Preamble.new(entries.join, entries.size)
    end

    # The block returns the operation's entries of the frame, packed
    # (Codec.encode_pair; one, or an Array of them); it runs with this invocation's empty handle table,
    # so it may lend Handles (#run).
    def invoke(label, &)
      @mutex.synchronize { invoke_sealed(label, &) }
    end

    def invoke_sealed(label)
      seal!
      @transport.reset
      frame = Array(yield)
      @capture = Capture::EMPTY
      @snippets.check!
      result = native_invoke(Codec.join_map(frame), label)
      @capture = capture_of(result)
      raise result.error if result.error

      read_outcome(result.outcome, label)
    ensure
      @catalog.reset_handles # B-18: Handles never outlive their invocation
    end

    # The operation's frame, with the setup from the preamble when there is
    # one; the size cap holds for the two together, as for one frame.
    def native_invoke(frame, label)
      return @artifact.invoke(frame, label, @options, dispatcher) unless @preamble

      Codec.check_frame_size!(frame.bytesize + @preamble.bytesize)
      @artifact.invoke_prepared(frame, label, @options, dispatcher, @preamble)
    end

    # A Service failure the guest did not rescue carries the Service's own
    # exception as its cause: the guest saw only its class and a scrubbed
    # message (docs/security.md, "Errors that cross").
    def read_outcome(outcome, label)
      @transport.restore_result(Outcome.read(outcome, label))
    rescue ServiceError => e
      raise e, cause: @transport.failure
    end

    # Nil when the guest can reach nothing on the host: no Services and no
    # Handles lent by #run.
    def dispatcher
      @catalog.empty? && !@catalog.lent? ? nil : @transport
    end

    def compile(source, file_name)
      Bytecode.build(@artifact, [source, file_name, true], "Sandbox#preload",
                     timeout: timeout || Bytecode::COMPILE_TIMEOUT, gvl: gvl)
    end

    def capture_of(result)
      Capture.new(stdout: result.stdout, stderr: result.stderr, stdout_truncated: result.stdout_truncated?,
                  stderr_truncated: result.stderr_truncated?,
                  usage: Usage.new(wall_time: result.wall_time, memory_peak: result.memory_peak,
                                   service_calls: @transport.calls))
    end
  end
end
