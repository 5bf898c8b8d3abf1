# frozen_string_literal: true

require "test_helper"

# The guest's FFI layer (docs/architecture.md, "The guest's FFI layer"): what
# the notes in wasm/src/mruby.rs say about a raise inside the layer, checked
# through the real guest.
class GuestFfiTest < KobakoTest
  # A reply Hash with two Array keys makes mruby compare them with the
  # script's own Array#eql? while the Rust decoder builds the Hash.
  PAIRS = Class.new { def pairs = { [1] => 2, [2] => 3 } }

  def pairs_sandbox
    sandbox.tap { |box| box.define(:S).bind(:X, PAIRS.new) }
  end

  def test_a_reply_with_array_keys_decodes
    assert_equal({ [1] => 2, [2] => 3 }, pairs_sandbox.eval("S::X.pairs"))
  end

  # mruby's raise longjmps past the decoder's Rust frames to the VM around
  # Kobako.__dispatch: the script sees its exception at the Service call. The
  # skipped frames leak their heap (measured ~32 bytes a raise), which the
  # instance drops when the invocation ends; 10^3 of them change nothing.
  def test_a_raise_inside_the_reply_decoder_reaches_the_script_at_the_service_call
    box = pairs_sandbox
    caught = box.eval(<<~RUBY)
      class Array
        def eql?(other)
          raise "the script's eql?"
        end
      end
      messages = []
      1000.times do
        begin
          S::X.pairs
        rescue RuntimeError => e
          messages << e.message
        end
      end
      [messages.size, messages.uniq]
    RUBY
    assert_equal [1000, ["the script's eql?"]], caught
    assert_usable box
  end
end
