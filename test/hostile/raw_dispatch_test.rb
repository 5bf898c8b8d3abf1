# frozen_string_literal: true

require_relative "hostile_helper"

# `Kobako.__dispatch` called directly with requests the guest runtime would
# never build: every guest-side check skipped, so the host alone decides.
class HostileRawDispatchTest < HostileTest
  def setup
    @sb = hostile_sandbox({ Svc: { Counter: Hostile::Counter.new } })
  end

  def test_well_formed_raw_requests_work_and_refused_names_are_refused
    attempt_value(@sb, 'raw("Svc::Counter", "add", [1, 2])', 3)
    %w[send __send__ public_send instance_variable_get instance_eval method_missing respond_to? reset!
       initialize binding class singleton_class].each do |name|
      refused(@sb, %{raw("Svc::Counter", "#{name}", [:@api_key])})
    end
  end

  def test_malformed_requests_are_refused
    {
      "[]" => "[]",
      "a string" => '"Svc::Counter"',
      "four fields" => '["Svc::Counter", "add", [1, 2], {}]',
      "six fields" => '["Svc::Counter", "add", [1, 2], {}, nil, 1]',
      "integer target" => "[1, \"add\", [], {}, nil]",
      "symbol method" => '["Svc::Counter", :add, [1, 2], {}, nil]',
      "hash args" => '["Svc::Counter", "add", {a: 1}, {}, nil]',
      "array kwargs" => '["Svc::Counter", "add", [], [], nil]',
      "string block id" => '["Svc::Counter", "add", [1, 2], {}, "1"]'
    }.each do |what, request|
      error = attempt(@sb, "r = Kobako.__dispatch(#{request}); raise Kobako::ServiceError, r[2] if r[0] == 1; r",
                      klass: "Kobako::ServiceError")
      assert_match(/malformed Service request/, error.message, what)
    end
  end

  def test_other_namespaces_and_paths_are_refused
    ["Svc", "Svc::", "::Svc::Counter", "Svc::Counter::Inner", "Kobako::Service", "Object", "Kernel",
     "Svc::counter", "Other::Counter", "Svc::Counter\u0000"].each do |target|
      refused(@sb, "raw(#{target.inspect}, 'add', [1, 2])")
    end
    refused(@sb, "raw('A' * 100_000 + '::B', 'add', [1, 2])")
  end

  def test_huge_and_strange_method_names_are_refused
    ["", " ", "add ", "add\u0000", "Svc::Counter.add", "add; system('id')", "@api_key",
     "instance_variable_get\u0000"].each do |name|
      refused(@sb, "raw('Svc::Counter', #{name.inspect}, [1, 2])")
    end
    refused(@sb, "raw('Svc::Counter', 'a' * 100_000, [1, 2])")
  end

  def test_block_ids_the_guest_never_held
    # The host asks the guest to run block 999 999, which the guest does not hold.
    [999_999, -1, 0, "2**62"].each do |id|
      attempt(@sb, "raw('Svc::Counter', 'each_item', [], {}, #{id})", raises: Kobako::ServiceError)
    end
  end

  # Forged handle ids cannot be made from guest Ruby (a Handle's id lives in
  # an mruby data object only the runtime sets), so these send the forged
  # bytes to this sandbox's own Transport, as a hostile guest writing its
  # memory would.
  def test_forged_handle_ids_in_raw_bytes_are_refused
    transport = @sb.instance_variable_get(:@transport)
    @sb.eval("1")
    [0, 1, 2, -1, 2**31, (2**32) + 1, 2**62].each do |id|
      Hostile.count
      request = Kobako::Codec.encode([Kobako::Handle.from_wire(id), "balance", [], {}, nil])
      reply = Kobako::Codec.decode(transport.call(request, nil))
      assert_equal [1, "Kobako::NoServiceError"], reply.first(2), "handle id #{id}"
      assert_contained(@sb, nil)
    rescue Kobako::Codec::Error, ArgumentError, RangeError => e
      # Ids the codec itself cannot carry are refused before the Transport.
      assert_kind_of Exception, e
      assert_contained(@sb, nil)
    end
  end

  def test_forged_bytes_that_are_not_a_request
    transport = @sb.instance_variable_get(:@transport)
    @sb.eval("1")
    ["", "\xC1", "\x91", "\x95\xA1a\xA1b\x90\x80\xC0trailing", "\xC7\x05\x01abcde"].each do |bytes|
      Hostile.count
      reply = Kobako::Codec.decode(transport.call(bytes.b, nil))
      assert_equal [1, "Kobako::ServiceError"], reply.first(2), bytes.inspect
      assert_contained(@sb, nil)
    end
  end

  def test_handles_only_resolve_within_their_invocation
    attempt_value(@sb, "Svc::Counter.account.balance", 100)
    refused(@sb, "raw(Svc::Counter.account, 'instance_variable_get', [:@api_key])")
  end
end
