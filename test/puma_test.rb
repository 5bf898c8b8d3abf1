# frozen_string_literal: true

require "test_helper"
require "net/http"
require "json"
require_relative "support/puma_server"

# docs/behaviours.md §4 "Fork": Puma in cluster mode with preload_app! serving a Rack app
# that evaluates scripts per request (examples/rack), over real HTTP.
class PumaTest < KobakoTest
  include PumaServer

  APP = File.join(ROOT, "examples", "rack")

  def setup
    start_puma(APP, File.join(APP, "puma.rb"), File.join(APP, "config.ru"), name: "puma", within: 60) do
      post("1")["result"] == 1
    end
  end

  def teardown
    stop_puma
  end

  def test_workers_forked_after_preload_evaluate_scripts
    pids = Array.new(12) do |i|
      reply = post("App::Pid.call; [#{i}, :ok]")
      assert_equal [i, "ok"], reply["result"]
      reply["pid"]
    end
    refute_includes pids, @pid, "requests are served by forked workers"
  end

  def test_timeouts_fire_in_forked_workers
    reply = post("loop {}")
    assert_equal "Kobako::TimeoutError", reply["error"]
    assert_equal [1, "ok"], post("[1, :ok]")["result"], "the worker keeps serving"
  end

  def test_concurrent_requests
    threads = Array.new(8) { |i| Thread.new { post("#{i} * 2")["result"] } }
    assert_equal Array.new(8) { |i| i * 2 }, threads.map(&:value)
  end

  private

  def post(code)
    http = Net::HTTP.new("127.0.0.1", @port)
    http.read_timeout = 20
    JSON.parse(http.post("/", code, "Content-Type" => "text/plain").body)
  end
end
