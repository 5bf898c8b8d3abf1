# frozen_string_literal: true

require "test_helper"

# docs/wire.md's reply statuses have one name in each language: Ruby
# (Kobako::WireStatus, included by Kobako::Transport), Rust (one list,
# ext/kobako/src/wire/status_table.rs, included by the extension, which exports
# it as Kobako::Native::Wire, and by the guest's wasm/src/status.rs) and the
# guest's C (wasm/c/wire_status.h, which defines the mruby constants
# Kobako::Wire::* the prelude uses, checked against the Rust list when the guest
# boots at build time). These tests compare the three that Ruby can see.
class WireStatusesTest < KobakoTest
  STATUSES = %i[REPLY_OK REPLY_ERROR REPLY_BROKE REPLY_BLOCK_RAISED YIELD_OK YIELD_BROKE YIELD_RAISED].freeze
  # Inside the guest only: what Kobako.__call_block tells the prelude.
  BLOCK_STATUSES = %i[BLOCK_VALUE BLOCK_BROKE BLOCK_RAISED BLOCK_ESCAPED].freeze

  def test_every_status_is_named_on_each_side
    assert_equal (STATUSES + BLOCK_STATUSES).sort, Kobako::Native::Wire.constants.sort
    guest = sandbox.eval("Kobako::Wire.constants.map(&:to_s)").map(&:to_sym)
    assert_equal (STATUSES + BLOCK_STATUSES).sort, guest.sort
    assert_equal STATUSES.sort, Kobako::WireStatus.constants.sort
    assert_includes Kobako::Transport.ancestors, Kobako::WireStatus
  end

  def test_ruby_extension_and_guest_agree
    guest = sandbox.eval("[#{STATUSES.map { |name| "Kobako::Wire::#{name}" }.join(', ')}]")
    STATUSES.each_with_index do |name, i|
      ruby = Kobako::WireStatus.const_get(name)
      assert_equal ruby, Kobako::Native::Wire.const_get(name), "extension #{name}"
      assert_equal ruby, guest[i], "guest #{name}"
    end
  end

  def test_statuses_keep_their_documented_numbers
    native = STATUSES.map { |name| Kobako::Native::Wire.const_get(name) }
    assert_equal [0, 1, 2, 3, 0, 1, 2], native
  end

  def test_block_statuses_agree_between_the_extension_and_the_guest
    guest = sandbox.eval("[#{BLOCK_STATUSES.map { |name| "Kobako::Wire::#{name}" }.join(', ')}]")
    assert_equal [0, 1, 2, 3], guest
    assert_equal(guest, BLOCK_STATUSES.map { |name| Kobako::Native::Wire.const_get(name) })
  end

  # Each reply status, exercised end to end: a value, an error, a block's
  # break, a block's exception the Service did not rescue, and a block's value.
  def test_each_status_does_what_its_name_says
    sb = sandbox
    service = Object.new
    def service.value = 7
    def service.fail = raise(ArgumentError, "no")
    def service.each_item(&) = [1, 2, 3].each(&)
    sb.define(:S).bind(:Svc, service)
    assert_equal 7, sb.eval("S::Svc.value")
    assert_raises(Kobako::ServiceError) { sb.eval("S::Svc.fail") }
    assert_equal :stopped, sb.eval("S::Svc.each_item { |x| break :stopped if x == 2 }")
    assert_sandbox_error(sb, "S::Svc.each_item { |x| raise IndexError, 'bad' }", klass: "IndexError")
    assert_equal [2, 4, 6], sb.eval("r = []; S::Svc.each_item { |x| r << x * 2 }; r")
  end
end
