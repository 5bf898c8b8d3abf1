# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "open3"

# B-49 (docs/behaviours.md): each invocation gets a fresh guest, even when the
# instance slot it runs in was used before. docs/native.md, "Slot reset": the
# dirty-page scan is used only where no page can be swapped out (a swapped
# dirty page escapes wasmtime 48's scan); elsewhere, or with
# KOBAKO_PAGEMAP_SCAN=off, a fixed prefix is rewritten and the rest unmapped.
class MemoryResetTest < KobakoTest
  # Fills guest memory with a recognisable secret, then checks a later
  # invocation in the same (recycled) slot sees none of it, through plain
  # evals and a Sandbox with snippets (its snapshot is restored into the slot).
  CHILD = <<~RUBY
    require "kobako"
    require "json"
    box = Kobako::Sandbox.new(memory_limit: 8 << 20)
    box.eval("$secret = Array.new(2_000) { |i| 'SECRET' * 50 + i.to_s }; $secret.size")
    fresh = [box.eval("$secret"), box.eval("ObjectSpace.count_objects[:T_STRING] < 2_000")]
    snip = Kobako::Sandbox.new(memory_limit: 8 << 20)
    snip.preload(code: "HELPER = [1, 2]", name: :Helpers)
    sizes = Array.new(3) { snip.eval("HELPER << ('x' * 100_000); HELPER.size") }
    plan = snip.instance_variable_get(:@preamble).plan
    print JSON.generate([Kobako::Native.memory_reset, fresh, sizes, plan])
  RUBY

  def child(env, script = CHILD)
    Open3.capture3(env, Gem.ruby, "-I", File.join(ROOT, "lib"), "-e", script)
  end

  def swap_devices
    File.readlines("/proc/swaps").drop(1).count { |line| !line.strip.empty? }
  end

  def test_the_scan_is_used_only_without_swap
    out, err, status = child({ "KOBAKO_PAGEMAP_SCAN" => nil })
    assert_predicate status, :success?, err
    reset, fresh, sizes, plan = JSON.parse(out)
    expected = swap_devices.zero? ? ["dirty_pages", "no swap device"] : ["prefix", "swap is enabled"]
    assert_equal expected, reset.first(2)
    assert_equal [nil, true], fresh
    assert_equal [[3, 3, 3], "snapshot"], [sizes, plan]
  end

  def test_scan_off_resets_a_fixed_prefix_and_invocations_stay_fresh
    out, err, status = child({ "KOBAKO_PAGEMAP_SCAN" => "off" })
    assert_predicate status, :success?, err
    reset, fresh, sizes, plan = JSON.parse(out)
    assert_equal ["prefix", "KOBAKO_PAGEMAP_SCAN=off", 1 << 20], reset
    assert_equal [nil, true], fresh
    assert_equal [[3, 3, 3], "snapshot"], [sizes, plan]
  end

  def test_an_unknown_setting_is_a_setup_error_not_a_silent_default
    out, err, status = child({ "KOBAKO_PAGEMAP_SCAN" => "yes" }, <<~RUBY)
      require "kobako"
      begin
        Kobako::Sandbox.new.eval("1")
      rescue Kobako::SetupError => e
        print e.message
      end
    RUBY
    assert_predicate status, :success?, err
    assert_equal 'KOBAKO_PAGEMAP_SCAN must be "auto" or "off", not "yes"', out
  end

  def test_this_process_reports_its_mode
    mode, reason, bytes = Kobako::Native.memory_reset
    assert_includes %w[dirty_pages prefix], mode
    refute_empty reason
    assert_operator bytes, :>=, 1 << 20
  end
end
