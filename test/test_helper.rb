# frozen_string_literal: true

ROOT = File.expand_path("..", __dir__)

# The suite runs against the real guest and the real extension: no stubs. A
# missing build is a failure, not a skip, so CI can never go green without them.
missing = %w[data/kobako.wasm lib/kobako/kobako.so].reject { |f| File.exist?(File.join(ROOT, f)) }
unless missing.empty?
  abort "kobako tests: missing #{missing.join(' and ')}. Run `bin/setup` (it builds the guest and the " \
        "extension), or `rake wasm:build compile`."
end

require "kobako"
require "rbconfig"
require "minitest/autorun"

require_relative "support/oracle_ruby"

module KobakoTestHelpers
  MIB = 1024 * 1024

  def sandbox(**options)
    Kobako::Sandbox.new(**options)
  end

  # The Sandbox stays usable after any error, traps included (docs/behaviours.md §2.4).
  def assert_usable(sandbox)
    assert_equal 42, sandbox.eval("40 + 2"), "sandbox unusable after the previous failure"
  end

  def assert_sandbox_error(sandbox, source, klass: nil, message: nil)
    error = assert_raises(Kobako::SandboxError) { sandbox.eval(source) }
    assert_equal klass, error.klass if klass
    assert_match message, error.message if message
    error
  end

  def elapsed
    start = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    yield
    Process.clock_gettime(Process::CLOCK_MONOTONIC) - start
  end

  def depth_of(value)
    depth = 0
    while value.is_a?(Array) || value.is_a?(Hash)
      depth += 1
      value = value.is_a?(Array) ? value.first : value.values.first
    end
    depth
  end
end

class KobakoTest < Minitest::Test
  include KobakoTestHelpers
  make_my_diffs_pretty!
end
