# frozen_string_literal: true

require "test_helper"

# The Ruby ↔ native seam (docs/native.md, "The typed seam"): the option set is
# one frozen Kobako::SandboxOptions, and the extension answers with a
# Kobako::InvocationResult read by name.
class TypedSeamTest < KobakoTest
  def test_options_are_one_frozen_validated_value
    options = Kobako::SandboxOptions.new(timeout: 2, memory_limit: 2**70, profile: :permissive, gvl: :hold)
    assert_predicate options, :frozen?
    assert_in_delta 2.0, options.timeout
    assert_equal 2**70, options.memory_limit
    assert_equal Kobako::Options::NATIVE_MAX, options.native_memory_limit
    assert_equal 1 << 20, options.native_stdout_limit
    assert_predicate options, :permissive?
    refute_predicate options, :release_gvl?
    assert_equal Kobako::Sandbox::DEFAULT_WASM_PATH, options.wasm_path
    assert_equal options, Kobako::SandboxOptions.new(**options.to_h)
  end

  def test_sandbox_readers_come_from_its_options
    sb = sandbox(timeout: 3, stderr_limit: nil, gvl: :hold)
    assert_instance_of Kobako::SandboxOptions, sb.options
    assert_equal Kobako::SandboxOptions.new(timeout: 3, stderr_limit: nil, gvl: :hold), sb.options
    Kobako::SandboxOptions::NAMES.each do |name|
      expected = sb.options.public_send(name)
      expected.nil? ? assert_nil(sb.public_send(name)) : assert_equal(expected, sb.public_send(name))
    end
  end

  def test_pool_refuses_what_sandbox_options_refuse
    error = assert_raises(ArgumentError) { Kobako::Pool.new(slots: 1, stdout_limit: 0) }
    assert_match(/stdout_limit/, error.message)
    error = assert_raises(ArgumentError) { Kobako::Pool.new(slots: 1, timout: 1) }
    assert_match(/timout/, error.message)
  end

  def test_native_invoke_takes_options_and_returns_a_result
    artifact = Kobako::Artifact.load(Kobako::Sandbox::DEFAULT_WASM_PATH)
    frame = Kobako::Codec.join_map([Kobako::Codec.encode_text_pair("src", "puts 'hi'; 6 * 7")])
    result = artifact.invoke(frame, "Sandbox#eval", Kobako::SandboxOptions.new(stdout_limit: 2), nil)
    assert_instance_of Kobako::InvocationResult, result
    assert_predicate result, :frozen?
    assert_equal 42, Kobako::Outcome.read(result.outcome, "Sandbox#eval")
    assert_equal "hi", result.stdout
    assert_predicate result, :stdout_truncated?
    refute_predicate result, :stderr_truncated?
    assert_nil result.error
    assert_kind_of Float, result.wall_time
    assert_kind_of Integer, result.memory_peak
  end

  def test_native_invoke_refuses_a_positional_config
    artifact = Kobako::Artifact.load(Kobako::Sandbox::DEFAULT_WASM_PATH)
    frame = Kobako::Codec.join_map([Kobako::Codec.encode_text_pair("src", "1")])
    error = assert_raises(ArgumentError) do
      artifact.invoke(frame, "Sandbox#eval", [nil, nil, nil, nil, false, true], nil)
    end
    assert_match(/SandboxOptions/, error.message)
  end
end
