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

    # Evaluates +source+ in a fresh guest and returns its last expression's value.
    def eval(source)
      raise TypeError, "source must be a String, got #{source.class}" unless source.is_a?(String)

      @mutex.synchronize do
        @catalog.seal! # B-33: even an invocation that fails seals the setup
        invoke("Sandbox#eval", { "src" => utf8_source(source) })
      end
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

    def invoke(label, frame)
      reset_observations
      dispatcher = services_frame(frame)
      bytes = Codec.encode(frame)
      outcome, out, err, out_tr, err_tr, wall, peak, error =
        @artifact.invoke(bytes, label, native_config, dispatcher)
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

    # Adds the Service preamble to the frame; the dispatcher, or nil when
    # nothing is bound.
    def services_frame(frame)
      @transport.reset # the handle table was emptied when the last invocation ended
      return nil if @catalog.empty?

      frame["services"] = @catalog.services
      @transport
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

    # The guest reads source as UTF-8. Binary source (File.binread) is
    # reinterpreted, other encodings are transcoded.
    def utf8_source(source)
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
  end
end
