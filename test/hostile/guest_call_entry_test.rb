# frozen_string_literal: true

require_relative "hostile_helper"

# `Kobako.__call`, the C entry the Service proxies use for a call without a
# block (wasm/c/shim.c), called directly by a script with arguments no
# proxy would pass. Its guest-side refusals are only a fast path: whatever
# it lets through, the host judges as it judges any request.
class HostileGuestCallEntryTest < HostileTest
  def setup
    @sb = hostile_sandbox({ Svc: { Counter: Hostile::Counter.new } })
  end

  def call(target, name, args = "[]", kwargs = "{}", block = "nil")
    "Kobako.__call(#{target}, #{name}, #{args}, #{kwargs}, #{block})"
  end

  def test_the_entry_serves_a_plain_call
    attempt_value(@sb, call('"Svc::Counter"', ":add", "[1, 2]"), 3)
  end

  def test_a_refused_name_is_refused_in_the_guest_or_on_the_host
    %w[instance_variable_get send __send__ instance_eval binding method_missing].each do |name|
      refused_anywhere(@sb, call('"Svc::Counter"', ":#{name}", "[:@api_key]"))
      # As a String the guest's own check does not know it: the host refuses.
      refused(@sb, call('"Svc::Counter"', name.inspect, "[:@api_key]"))
    end
  end

  def test_forged_targets_are_refused_by_the_host
    ['"Object"', '"Kernel"', '"Svc::Counter::Inner"', '"Kobako::Service"'].each do |target|
      refused(@sb, call(target, ":add", "[1, 2]"))
    end
  end

  def test_forged_shapes_never_reach_a_method
    attempt(@sb, call('"Svc::Counter"', ":add", "{a: 1}"), klass: "Kobako::ServiceError", message: /malformed/)
    attempt(@sb, call('"Svc::Counter"', ":add", "[1, 2]", "[]"), klass: "Kobako::ServiceError",
                                                                 message: /malformed/)
    attempt(@sb, call("1", ":add", "[1, 2]"), klass: "Kobako::ServiceError", message: /malformed/)
    attempt(@sb, call('"Svc::Counter"', ":add", "[1]"), klass: "Kobako::ServiceArgumentError")
  end

  # Not a Proc: the entry hands it to the prelude's path like any block;
  # the Service's yield then meets the guest's own TypeError.
  def test_a_block_that_is_not_a_proc_fails_in_the_guest
    attempt_value(@sb, <<~RUBY, "TypeError")
      begin
        #{call('"Svc::Counter"', ':each_item', '[]', '{}', '42')}
      rescue StandardError => e
        e.class.name
      end
    RUBY
  end
end
