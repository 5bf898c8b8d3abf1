# frozen_string_literal: true

module Kobako
  # The Sandbox option set (docs/behaviours.md §2.1), validated once and frozen.
  # Sandbox, Pool and Bytecode all build one; it is also what the native
  # extension reads at each invocation (docs/native.md, "The typed seam"):
  # the `native_*`, `permissive?` and `release_gvl?` readers are the whole
  # Ruby → native layout, so no Array of positional slots crosses.
  class SandboxOptions
    # The option names, in the order of the public keyword list.
    NAMES = %i[timeout memory_limit stdout_limit stderr_limit profile gvl wasm_path].freeze

    attr_reader :timeout, :memory_limit, :stdout_limit, :stderr_limit, :profile, :gvl, :wasm_path,
                :native_memory_limit, :native_stdout_limit, :native_stderr_limit

    # rubocop:disable Metrics/ParameterLists -- the option set is the public contract (docs/behaviours.md §2.1)
    def initialize(timeout: 60.0, memory_limit: 1 << 20, stdout_limit: 1 << 20, stderr_limit: 1 << 20,
                   profile: :hermetic, gvl: :release, wasm_path: Sandbox::DEFAULT_WASM_PATH)
      @timeout = Options.timeout(timeout)
      @memory_limit = Options.limit(:memory_limit, memory_limit)
      @stdout_limit = Options.limit(:stdout_limit, stdout_limit)
      @stderr_limit = Options.limit(:stderr_limit, stderr_limit)
      @profile = Options.choice(:profile, profile, Options::PROFILES)
      @gvl = Options.choice(:gvl, gvl, Options::GVL_MODES)
      @wasm_path = Options.path(wasm_path)
      @native_memory_limit = Options.native_limit(@memory_limit)
      @native_stdout_limit = Options.native_limit(@stdout_limit)
      @native_stderr_limit = Options.native_limit(@stderr_limit)
      freeze
    end
    # rubocop:enable Metrics/ParameterLists

    def permissive? = profile == :permissive
    def release_gvl? = gvl == :release

    # The keywords that rebuild this set (`SandboxOptions.new(**set.to_h)`).
    def to_h = NAMES.to_h { |name| [name, public_send(name)] }

    def ==(other) = other.is_a?(SandboxOptions) && to_h == other.to_h
    alias eql? ==
    def hash = [SandboxOptions, to_h].hash

    def inspect
      "#<#{self.class} #{to_h.map { |name, value| "#{name}=#{value.inspect}" }.join(' ')}>"
    end
  end
end
