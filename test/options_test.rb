# frozen_string_literal: true

require "test_helper"
require "pathname"
require "tempfile"
require "tmpdir"

# docs/behaviours.md §2.1: construction, option validation and artifact errors.
class OptionsTest < KobakoTest
  def test_defaults_and_readers
    sb = sandbox
    assert_in_delta 60.0, sb.timeout
    assert_kind_of Float, sb.timeout
    assert_equal 1 << 20, sb.memory_limit
    assert_equal 1 << 20, sb.stdout_limit
    assert_equal 1 << 20, sb.stderr_limit
    assert_equal :hermetic, sb.profile
    assert_equal :release, sb.gvl
    assert_equal File.join(ROOT, "data", "kobako.wasm"), sb.wasm_path
    assert_equal Kobako::Sandbox::DEFAULT_WASM_PATH, sb.wasm_path
  end

  def test_readers_return_given_values
    sb = sandbox(timeout: 2, memory_limit: 8 * MIB, stdout_limit: 10, stderr_limit: 20,
                 profile: :permissive, gvl: :hold, wasm_path: Pathname(Kobako::Sandbox::DEFAULT_WASM_PATH))
    assert_in_delta 2.0, sb.timeout
    assert_kind_of Float, sb.timeout
    assert_equal 8 * MIB, sb.memory_limit
    assert_equal 10, sb.stdout_limit
    assert_equal 20, sb.stderr_limit
    assert_equal :permissive, sb.profile
    assert_equal :hold, sb.gvl
    assert_equal Kobako::Sandbox::DEFAULT_WASM_PATH, sb.wasm_path
    assert_kind_of String, sb.wasm_path
  end

  def test_nil_disables_timeout_and_limits
    sb = sandbox(timeout: nil, memory_limit: nil, stdout_limit: nil, stderr_limit: nil)
    assert_nil sb.timeout
    assert_nil sb.memory_limit
    assert_nil sb.stdout_limit
    assert_nil sb.stderr_limit
    assert_equal 3, sb.eval("1 + 2")
  end

  def test_timeout_accepts_any_finite_positive_real
    assert_in_delta 0.5, sandbox(timeout: Rational(1, 2)).timeout
    assert_in_delta 0.25, sandbox(timeout: 0.25).timeout
  end

  def test_invalid_timeout
    [0, -1, 0.0, -0.5, Float::INFINITY, Float::NAN, "1", :fast, true, Complex(1, 1), 10**400].each do |bad|
      error = assert_raises(ArgumentError, "timeout: #{bad.inspect}") { sandbox(timeout: bad) }
      assert_match(/timeout/, error.message)
    end
  end

  def test_invalid_limits
    %i[memory_limit stdout_limit stderr_limit].each do |option|
      [0, -1, 1.5, 1.0, "1024", :big, false, Float::INFINITY].each do |bad|
        error = assert_raises(ArgumentError, "#{option}: #{bad.inspect}") { sandbox(option => bad) }
        assert_match(/#{option}/, error.message)
      end
    end
  end

  def test_huge_limits_are_accepted
    sb = sandbox(memory_limit: 2**80, stdout_limit: 2**70, stderr_limit: 2**64)
    assert_equal 2**80, sb.memory_limit
    assert_equal 7, sb.eval("3 + 4")
  end

  def test_invalid_profile
    [:open, "hermetic", nil, 1].each do |bad|
      error = assert_raises(ArgumentError, "profile: #{bad.inspect}") { sandbox(profile: bad) }
      assert_match(/profile/, error.message)
    end
  end

  def test_invalid_gvl
    [:drop, "release", nil, true].each do |bad|
      error = assert_raises(ArgumentError, "gvl: #{bad.inspect}") { sandbox(gvl: bad) }
      assert_match(/gvl/, error.message)
    end
  end

  def test_invalid_wasm_path
    [nil, 42, :path, ["a"]].each do |bad|
      error = assert_raises(ArgumentError, "wasm_path: #{bad.inspect}") { sandbox(wasm_path: bad) }
      assert_match(/wasm_path/, error.message)
    end
  end

  def test_unknown_keyword_is_named
    error = assert_raises(ArgumentError) { sandbox(timout: 1) }
    assert_match(/timout/, error.message)
  end

  def test_positional_arguments_are_refused
    assert_raises(ArgumentError) { Kobako::Sandbox.new({ timeout: 1 }) }
  end

  def test_options_are_validated_before_the_artifact_is_looked_at
    error = assert_raises(ArgumentError) { sandbox(timeout: -1, wasm_path: "/nonexistent/kobako.wasm") }
    assert_match(/timeout/, error.message)
  end

  def test_missing_artifact_names_the_build_command
    path = File.join(Dir.tmpdir, "kobako-missing-#{Process.pid}.wasm")
    error = assert_raises(Kobako::ModuleNotBuiltError) { sandbox(wasm_path: path) }
    assert_kind_of Kobako::SetupError, error
    assert_includes error.message, path
    assert_includes error.message, "bin/setup"
    assert_includes error.message, "rake wasm:build"
  end

  def test_non_wasm_file_is_a_setup_error
    with_file("this is not WebAssembly\n") do |path|
      error = assert_raises(Kobako::SetupError) { sandbox(wasm_path: path) }
      refute_kind_of Kobako::ModuleNotBuiltError, error
    end
  end

  def test_empty_file_is_a_setup_error
    with_file("") do |path|
      assert_raises(Kobako::SetupError) { sandbox(wasm_path: path) }
    end
  end

  def test_valid_wasm_that_is_not_kobako_is_a_setup_error
    # The smallest valid module: magic + version, no sections, so no exports.
    with_file("\0asm\x01\0\0\0".b) do |path|
      error = assert_raises(Kobako::SetupError) { sandbox(wasm_path: path) }
      refute_kind_of Kobako::ModuleNotBuiltError, error
    end
  end

  def test_directory_is_a_setup_error
    Dir.mktmpdir do |dir|
      assert_raises(Kobako::SetupError) { sandbox(wasm_path: dir) }
    end
  end

  def test_setup_errors_leave_kobako_usable
    with_file("junk") { |path| assert_raises(Kobako::SetupError) { sandbox(wasm_path: path) } }
    assert_usable sandbox
  end

  # docs/behaviours.md §2.1: construction is cheap once the module is loaded.
  def test_construction_is_cheap_after_the_first
    sandbox
    time = elapsed { 50.times { sandbox } }
    assert_operator time, :<, 1.0, "50 constructions took #{time}s"
  end

  def test_no_output_or_usage_before_the_first_invocation
    sb = sandbox
    assert_equal "", sb.stdout
    assert_equal "", sb.stderr
    refute sb.stdout_truncated?
    refute sb.stderr_truncated?
    assert_equal Kobako::Usage.new(wall_time: 0.0, memory_peak: 0), sb.usage
  end

  private

  def with_file(content)
    Tempfile.create(["kobako-test", ".wasm"]) do |file|
      file.binmode
      file.write(content)
      file.close
      yield file.path
    end
  end
end
