# frozen_string_literal: true

require "test_helper"
require "net/http"
require "json"
require "socket"

# docs/behaviours.md §4 "Fork": Puma in cluster mode with preload_app! serving a Rack app
# that evaluates scripts per request (examples/rack), over real HTTP.
class PumaTest < KobakoTest
  APP = File.join(ROOT, "examples", "rack")

  def setup
    @port = free_port
    @log = File.join(Dir.tmpdir, "kobako-puma-#{@port}.log")
    env = { "PORT" => @port.to_s, "RUBYLIB" => File.join(ROOT, "lib") }
    @pid = spawn(env, "puma", "-C", File.join(APP, "puma.rb"), File.join(APP, "config.ru"),
                 chdir: APP, out: @log, err: @log, pgroup: true)
    wait_until_serving
  end

  def teardown
    Process.kill("TERM", -Process.getpgid(@pid)) if @pid
    Process.wait(@pid) if @pid
    File.delete(@log) if @log && File.exist?(@log)
  rescue Errno::ESRCH, Errno::ECHILD
    nil
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

  def free_port
    server = TCPServer.new("127.0.0.1", 0)
    server.addr[1]
  ensure
    server&.close
  end

  def wait_until_serving
    deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + 60
    loop do
      return if post("1")["result"] == 1
    rescue Errno::ECONNREFUSED, Errno::ECONNRESET, EOFError, JSON::ParserError
      if Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
        flunk "puma did not start within 60s:\n#{File.read(@log)}"
      end
      sleep 0.2
    end
  end
end
