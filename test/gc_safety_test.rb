# frozen_string_literal: true

require "test_helper"

# docs/behaviours.md §3 issue item "GC safety": bound objects, Handles' objects and the
# dispatcher stay alive while Ruby's GC runs in the middle of dispatch.
class GcSafetyTest < KobakoTest
  class Maker
    def make(value) = Struct.new(:n).new(value).tap { GC.start }
    def each(items) = items.each { |i| yield Struct.new(:i).new(i) }
  end

  SCRIPT = <<~RUBY
    total = 0
    3.times do |i|
      h = G::Maker.make(i)
      total += h.n
      G::Maker.each([i]) { |s| total += s.i }
    end
    [total, G::Maker.make(99)]
  RUBY

  def test_dispatch_heavy_script_under_gc_stress
    # GC.stress makes every allocation collect: slow, so no deadline here.
    sb = sandbox(timeout: nil)
    sb.define(:G).bind(:Maker, Maker.new)
    total, handle = with_gc_stress { sb.eval(SCRIPT) }
    assert_equal 6, total
    assert_equal 99, handle.n
  end

  def test_dispatch_survives_compaction
    sb = sandbox
    sb.define(:G).bind(:Maker, Maker.new)
    results = Array.new(3) do
      GC.compact
      sb.eval(SCRIPT).first
    end
    assert_equal [6] * 3, results
  end

  private

  def with_gc_stress
    GC.stress = true
    yield
  ensure
    GC.stress = false
  end
end
