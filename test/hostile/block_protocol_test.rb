# frozen_string_literal: true

require_relative "hostile_helper"

# The guest's block-run export (`kobako_yield`) is called by the host while a
# Service yields. A guest exception that escapes it (here the script makes
# Array#eql? raise, so building the yielded Hash fails inside the guest's
# decoder) is the guest breaking the block protocol, whose answer is a status
# (docs/wire.md). It must not reach the script's own `rescue` around the
# Service call, with the Service told something else: the host ends the
# invocation as a TrapError, and the Sandbox stays usable.
class HostileBlockProtocolTest < HostileTest
  # Yields a Hash with Array keys and records what its yield did.
  class Pairs
    attr_reader :log

    def initialize
      @log = []
    end

    def each_pair
      @log << [:returned, yield({ [1] => 2, [2] => 3 })]
      :done
    rescue Exception => e # rubocop:disable Lint/RescueException
      @log << [:raised, e.class]
      raise
    end
  end

  def test_an_exception_escaping_a_block_run_ends_the_invocation
    service = Pairs.new
    sb = hostile_sandbox({ S: { X: service } })
    source = <<~RUBY
      class Array; def eql?(other); raise "in yield"; end; end
      begin
        S::X.each_pair { |h| :block }
      rescue Exception => e
        "rescued: \#{e.class}"
      end
    RUBY
    attempt(sb, source, raises: Kobako::TrapError, message: /block request/)
    assert_equal [[:raised, Kobako::TrapError]], service.log
  end

  def test_the_same_hash_yielded_without_the_override_works
    service = Pairs.new
    sb = hostile_sandbox({ S: { X: service } })
    attempt_value(sb, "S::X.each_pair { |h| h.keys }", :done)
    assert_equal [[:returned, [[1], [2]]]], service.log
  end
end
