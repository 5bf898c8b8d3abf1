# frozen_string_literal: true

require "socket"
require "tmpdir"

# Starts a real Puma (its own process group, on a free 127.0.0.1 port) for a
# test, waits until the test's own readiness check passes, and stops it.
# Used by test/puma_test.rb (examples/rack) and test/rails_app_test.rb
# (examples/rails).
module PumaServer
  # Spawns `puma -C config rackup` in `dir` with kobako's lib on RUBYLIB; sets
  # @port, @log and @pid, then waits (up to `within` seconds) for `ready?`.
  def start_puma(dir, config, rackup, name:, within:, &ready)
    @port = free_port
    @log = File.join(Dir.tmpdir, "kobako-#{name}-#{@port}.log")
    env = { "PORT" => @port.to_s, "RUBYLIB" => File.join(ROOT, "lib") }
    @pid = spawn(env, "puma", "-C", config, rackup, chdir: dir, out: @log, err: @log, pgroup: true)
    wait_for_puma(within, &ready)
  end

  def stop_puma
    Process.kill("TERM", -Process.getpgid(@pid)) if @pid
    Process.wait(@pid) if @pid
    File.delete(@log) if @log && File.exist?(@log)
  rescue Errno::ESRCH, Errno::ECHILD
    nil
  end

  private

  def free_port
    server = TCPServer.new("127.0.0.1", 0)
    server.addr[1]
  ensure
    server&.close
  end

  def wait_for_puma(within)
    deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + within
    loop do
      return if yield
    rescue Errno::ECONNREFUSED, Errno::ECONNRESET, EOFError, JSON::ParserError
      if Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
        flunk "puma did not start within #{within}s:\n#{File.read(@log)}"
      end
      sleep 0.2
    end
  end
end
