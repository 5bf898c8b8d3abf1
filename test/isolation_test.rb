# frozen_string_literal: true

require "test_helper"

# B-03 (docs/behaviours.md §2.4): every invocation starts from the same pristine guest.
class IsolationTest < KobakoTest
  def setup
    @sb = sandbox
  end

  def test_b03_globals_do_not_survive
    @sb.eval("$counter = 41")
    assert_nil @sb.eval("$counter")
  end

  def test_b03_constants_do_not_survive
    @sb.eval("SECRET = 1; class Leftover; end; module Mod; end")
    # mruby has no `defined?`; const_defined? asks the same question.
    assert_equal [false, false, false], @sb.eval("%i[SECRET Leftover Mod].map { |c| Object.const_defined?(c) }")
  end

  def test_b03_monkeypatches_do_not_survive
    @sb.eval(<<~RUBY)
      class Integer
        def +(other)
          42
        end
      end
      class String
        def shout
          upcase
        end
      end
      module Kernel
        def puts(*)
          :hijacked
        end
      end
    RUBY
    assert_equal 3, @sb.eval("1 + 2")
    assert_equal false, @sb.eval("''.respond_to?(:shout)")
    @sb.eval("puts 'normal'")
    assert_equal "normal\n", @sb.stdout
  end

  def test_b03_top_level_methods_and_ivars_do_not_survive
    @sb.eval("def helper; 1; end; @ivar = 2")
    assert_equal false, @sb.eval("respond_to?(:helper, true)")
    assert_nil @sb.eval("@ivar")
  end

  def test_b03_redefined_output_does_not_survive
    @sb.eval("$stdout = nil; STDOUT.instance_variable_set(:@fd, 2)")
    @sb.eval("puts 'back'")
    assert_equal "back\n", @sb.stdout
  end

  def test_b03_state_survives_a_failing_invocation_neither
    assert_raises(Kobako::SandboxError) { @sb.eval("$leak = 1; raise 'x'") }
    assert_nil @sb.eval("$leak")
    assert_raises(Kobako::TimeoutError) { sandbox(timeout: 0.2).eval("$leak = 1; loop {}") }
  end

  def test_b03_state_does_not_survive_a_trap
    sb = sandbox(timeout: 0.2)
    assert_raises(Kobako::TimeoutError) { sb.eval("$leak = 1; class Object; def trapped; end; end; loop {}") }
    assert_nil sb.eval("$leak")
    assert_equal false, sb.eval("Object.new.respond_to?(:trapped)")
  end

  def test_b03_sandboxes_are_independent
    other = sandbox
    @sb.eval("$x = 1")
    assert_nil other.eval("$x")
  end

  def test_b03_object_identity_does_not_carry_over
    first = @sb.eval("Object.new.object_id")
    second = @sb.eval("Object.new.object_id")
    assert_equal first, second, "a fresh guest allocates the same way every time"
  end
end

# docs/behaviours.md §2.1 / 4: the :hermetic and :permissive profiles.
class ProfileTest < KobakoTest
  def test_hermetic_clock_reads_zero
    assert_equal 0, sandbox.eval("Time.now.to_i")
    assert_equal 0, sandbox(profile: :hermetic).eval("Time.now.to_i")
  end

  def test_hermetic_random_is_a_fixed_stream
    src = "[rand, rand(1000), Random.new.rand(1 << 30), [1, 2, 3, 4, 5].shuffle]"
    sb = sandbox
    first = sb.eval(src)
    assert_equal first, sb.eval(src), "same sandbox, next invocation"
    assert_equal first, sandbox.eval(src), "another sandbox"
  end

  def test_hermetic_is_deterministic_across_sandboxes
    src = "[Time.now.to_f, rand, Random.rand(100)]"
    assert_equal sandbox.eval(src), sandbox(gvl: :hold).eval(src)
  end

  def test_permissive_clock_is_live
    now = Time.now.to_i
    guest = sandbox(profile: :permissive).eval("Time.now.to_i")
    assert_operator guest, :>, 0
    assert_in_delta now, guest, 5
  end

  def test_permissive_random_differs_between_invocations
    sb = sandbox(profile: :permissive)
    draws = Array.new(3) { sb.eval("Array.new(4) { rand(1 << 30) }") }
    assert_equal 3, draws.uniq.size, draws.inspect
  end

  def test_permissive_still_has_no_ambient_authority
    sb = sandbox(profile: :permissive)
    %w[File Dir IO Socket ENV Process].each do |const|
      assert_equal false, sb.eval("Object.const_defined?(:#{const})"), "#{const} must not exist in the guest"
    end
    assert_sandbox_error(sb, "`ls`")
    assert_sandbox_error(sb, "exit 1")
  end
end
