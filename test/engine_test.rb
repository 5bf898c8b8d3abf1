# frozen_string_literal: true

require_relative "test_helper"
require "open3"

# docs/native.md, "Instance pool": the engine reserves address space for 512
# guests up front; where a process may not reserve that much, it runs without
# the pool — slower, never broken.
class EngineTest < KobakoTest
  CHILD = <<~RUBY
    Process.setrlimit(Process::RLIMIT_AS, 24 << 30)
    require "kobako"
    box = Kobako::Sandbox.new(timeout: 0.5)
    results = Array.new(3) { box.eval("[1, 2].sum") }
    timed_out = begin
      box.eval("loop {}")
    rescue Kobako::TimeoutError
      :timeout
    end
    print [results, timed_out, Kobako::Native.memory_reset.first].inspect
  RUBY

  def test_without_room_for_the_pool_sandboxes_still_work
    out, err, status = Open3.capture3(Gem.ruby, "-I", File.join(ROOT, "lib"), "-e", CHILD)
    assert_predicate status, :success?, err
    assert_equal '[[3, 3, 3], :timeout, "unpooled"]', out
  end
end
