# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "net/http"
require "open3"
require_relative "support/puma_server"

# examples/rails served by Puma in cluster mode (2 workers, preload_app!):
# Kobako::Railtie, config.kobako, Kobako.pool per worker, the
# eval.kobako events and the log subscriber, driven over real HTTP with
# benign and hostile scripts mixed (docs/rails.md).
class RailsAppTest < KobakoTest
  include PumaServer

  APP = File.join(ROOT, "examples", "rails")
  REQUESTS = 200

  # [script, filename or nil, expected status, check of the JSON body]
  CASES = [
    ["[1, 2].sum * 21", nil, 200, ->(b) { b["value"] == 63 }],
    ['Shop::Products.search("tea").map { |p| p["name"] }', nil, 200, ->(b) { b["value"] == ["Teapot", "Tea cup"] }],
    ['Shop::Products.find(2)["price"] + Shop::Products.count', nil, 200, ->(b) { b["value"] == 43 }],
    ["loop {}", nil, 408, ->(b) { b["error"] == "Kobako::TimeoutError" }],
    ['a = []; loop { a << "x" * 100_000 }', nil, 413, ->(b) { b["error"] == "Kobako::MemoryLimitError" }],
    ["x = 1\ndef (", "calc.rb", 422, lambda { |b|
      b["error"] == "Kobako::SandboxError" && b["message"].start_with?("SyntaxError: calc.rb:2:")
    }],
    ["def check = raise(ArgumentError, 'no')\ncheck", "tool.rb", 422, lambda { |b|
      b["message"] == "ArgumentError: no" && b["backtrace"].first(2) == ["tool.rb:1:in check", "tool.rb:2"]
    }],
    ["Shop::Products.find(99)", nil, 422, lambda { |b|
      b["error"] == "Kobako::ServiceError" && b["message"].include?("no product 99")
    }],
    ["Shop::Products.supplier_password", nil, 422, ->(b) { b["message"].include?("NoServiceError") }],
    ["Shop::Products.instance_variable_get(:@x)", nil, 422, ->(b) { b["message"].start_with?("NoMethodError") }],
    ["Shop::Products.send(:supplier_password)", nil, 422, ->(b) { b["error"].start_with?("Kobako::") }],
    ['File.read("/etc/passwd")', nil, 422, ->(b) { b["message"] == "NameError: uninitialized constant File" }],
    ['system("id")', nil, 422, ->(b) { b["message"].start_with?("NoMethodError") }],
    ["Object.const_get(:ENV)", nil, 422, ->(b) { b["message"].start_with?("NameError") }],
    ["def f(n) = f(n + 1)\nf(0)", nil, 422, ->(b) { b["message"].start_with?("SystemStackError") }],
    ['10_000.times { print "x" }; :done', nil, 200, ->(b) { b["value"] == "done" && b["stdout"] == "x" * 4096 }]
  ].freeze

  def setup
    @replies = []
    start_puma(APP, File.join(APP, "config", "puma.rb"), File.join(APP, "config.ru"), name: "rails", within: 90) do
      worker_pids.size == 2 && post("1").code == "200"
    end
  end

  def teardown
    stop_puma
  end

  def test_benign_and_hostile_requests_mixed_leave_every_worker_alive
    workers = worker_pids
    assert_equal 2, workers.size, "cluster mode with 2 workers"
    REQUESTS.times do |i|
      code, filename, status, check = CASES[i % CASES.size]
      response = post(code, filename)
      body = JSON.parse(response.body)
      assert_equal status, response.code.to_i, "request #{i} (#{code.inspect}): #{body}"
      assert check.call(body), "request #{i} (#{code.inspect}): #{body}"
    end
    assert_equal workers, worker_pids, "no worker died or was replaced"
    served = @replies.map { |r| r["pid"] }.uniq.sort
    assert_equal workers, served, "both workers served, nothing else did"
    assert_events_arrived
    assert_logged
  end

  def test_require_kobako_does_not_load_rails
    out, err, status = Open3.capture3(Gem.ruby, "-I", File.join(ROOT, "lib"), "-rkobako", "-e",
                                      "p [defined?(Rails), defined?(ActiveSupport), defined?(Kobako::Railtie)]")
    assert_predicate status, :success?, err
    assert_equal "[nil, nil, nil]\n", out
  end

  private

  # Requests are sent one at a time, so each reply's `events` (its worker's
  # eval.kobako count, read after the eval) is exactly 1, 2, 3… per worker:
  # one event per invocation, failures included.
  def assert_events_arrived
    @replies.group_by { |r| r["pid"] }.each do |pid, replies|
      assert_equal (1..replies.size).to_a, replies.map { |r| r["events"] }, "worker #{pid}"
      stats = stats_of(pid)
      assert_equal replies.size, stats["eval"]
      expected = replies.map { |r| r["error"] || "ok" }.tally
      assert_equal expected, stats.except("eval", "service_calls"), "worker #{pid}: events by outcome"
      assert_operator stats["service_calls"], :>, 0
    end
  end

  def assert_logged
    log = File.read(@log)
    loaded = log.index(/^kobako: guest module .* in \d+\.\d ms$/)
    refute_nil loaded, "the Railtie warmed the guest module at boot"
    assert_operator loaded, :<, log.index("Worker 0 (PID"), "in the master, before the workers forked"
    assert_match(/^Kobako eval request\.rb \(\d+\.\dms, peak \d+ KiB, [1-9]\d* Service calls\)$/, log)
    assert_match(/^Kobako eval calc\.rb failed: Kobako::SandboxError \(/, log)
    assert_match(/^Kobako eval request\.rb failed: Kobako::TimeoutError \(/, log)
  end

  # GET /stats until the worker +pid+ answers (the master balances the
  # connections; bounded).
  def stats_of(pid)
    100.times do
      reply = JSON.parse(Net::HTTP.get(URI("http://127.0.0.1:#{@port}/stats")))
      return reply["events"] if reply["pid"] == pid
    end
    flunk "worker #{pid} never answered GET /stats"
  end

  def worker_pids
    Dir["/proc/[0-9]*/stat"].filter_map do |stat|
      fields = File.read(stat).split(") ").last.split
      File.basename(File.dirname(stat)).to_i if fields[1].to_i == @pid
    rescue Errno::ENOENT, Errno::ESRCH
      nil
    end.sort
  end

  def post(code, filename = nil)
    http = Net::HTTP.new("127.0.0.1", @port)
    http.read_timeout = 20
    path = filename ? "/scripts?filename=#{filename}" : "/scripts"
    http.post(path, code, "Content-Type" => "text/plain").tap do |response|
      @replies << JSON.parse(response.body)
    end
  end
end
