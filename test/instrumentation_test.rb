# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "open3"

# eval.kobako / run.kobako through ActiveSupport::Notifications, and
# Kobako::LogSubscriber's line (docs/rails.md). ActiveSupport is loaded only
# in child processes: this suite's own process must stay without it.
class InstrumentationTest < KobakoTest
  def child(script)
    out, err, status = Open3.capture3(Gem.ruby, "-I", File.join(ROOT, "lib"), "-e", script)
    assert_predicate status, :success?, "child failed: #{err}"
    out
  end

  EVENTS = <<~RUBY
    require "active_support"
    require "active_support/notifications"
    require "kobako"
    require "json"
    events = []
    ActiveSupport::Notifications.subscribe(/\\.kobako\\z/) do |name, start, finish, _id, payload|
      events << { name: name, filename: payload[:filename], target: payload[:target], error: payload[:error],
                  exception: payload[:exception]&.first, usage: payload[:usage]&.to_h,
                  same_sandbox: payload[:sandbox].equal?($sb), duration_ok: finish >= start }
    end
    $sb = Kobako::Sandbox.new(timeout: 0.3)
    $sb.define(:Svc).bind(:Echo, ->(x) { x })
    $sb.preload(code: "module Add\\n  def self.call(a, b) = Svc::Echo.call(a) + b\\nend", name: "Add")
    $sb.eval("Svc::Echo.call(1) + 1", filename: "job.rb")
    usage = $sb.usage.to_h
    begin; $sb.eval("loop {}"); rescue Kobako::TimeoutError; end
    begin; $sb.eval("raise 'x'", filename: "bad.rb"); rescue Kobako::SandboxError; end
    $sb.run(:Add, 2, 3)
    print JSON.generate(events: events, first_usage: usage)
  RUBY

  def test_every_invocation_publishes_one_event_with_its_usage_and_error
    report = JSON.parse(child(EVENTS))
    events = report["events"]
    column = ->(key) { events.map { |e| e[key] } }
    assert_equal %w[eval.kobako eval.kobako eval.kobako run.kobako], column["name"]
    assert_equal ["job.rb", "(eval)", "bad.rb", nil], column["filename"]
    assert_equal [nil, nil, nil, "Add"], column["target"]
    assert_equal [nil, "Kobako::TimeoutError", "Kobako::SandboxError", nil], column["error"]
    assert_equal [nil, "Kobako::TimeoutError", "Kobako::SandboxError", nil], column["exception"]
    assert_equal report["first_usage"].transform_keys(&:to_s), events[0]["usage"]
    assert_equal([1, 0, 0, 1], column["usage"].map { |u| u["service_calls"] })
    assert_operator events[1]["usage"]["wall_time"], :>, 0.0
    assert(events.all? { |e| e["same_sandbox"] && e["duration_ok"] })
  end

  def test_the_log_subscriber_writes_one_debug_line_per_invocation
    out = child(<<~RUBY)
      require "active_support"
      require "logger"
      require "stringio"
      require "kobako"
      require "kobako/log_subscriber"
      log = StringIO.new
      ActiveSupport::LogSubscriber.logger = Logger.new(log).tap { |l| l.formatter = ->(sev, *, msg) { "\#{sev} \#{msg}\\n" } }
      Kobako::LogSubscriber.attach_to :kobako
      sb = Kobako::Sandbox.new(timeout: 0.3)
      sb.eval("1", filename: "one.rb")
      begin; sb.eval("loop {}"); rescue Kobako::TimeoutError; end
      ActiveSupport::LogSubscriber.logger.level = :info
      sb.eval("2")
      print log.string
    RUBY
    lines = out.lines
    assert_equal 2, lines.size, out
    assert_match(/\ADEBUG Kobako eval one\.rb \(\d+\.\dms, peak \d+ KiB, 0 Service calls\)\n\z/, lines[0])
    assert_match(/\ADEBUG Kobako eval \(eval\) failed: Kobako::TimeoutError \(\d+\.\dms, peak/, lines[1])
  end

  def test_without_active_support_nothing_is_published_or_loaded
    refute defined?(ActiveSupport), "this process never loads ActiveSupport"
    refute Kobako::Instrumentation.listening?(Kobako::Instrumentation::EVAL)
    assert_equal 2, sandbox.eval("1 + 1")
  end
end
