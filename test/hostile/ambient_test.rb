# frozen_string_literal: true

require_relative "hostile_helper"

# Ambient authority from inside the guest, with no Service bound: files,
# the environment, sockets, processes, exit, ObjectSpace, the host's
# constants. None of it exists in the guest, or it reaches only the guest.
class HostileAmbientTest < HostileTest
  def setup
    ENV["KOBAKO_HOSTILE_SECRET"] = Hostile::SECRET
    @sb = hostile_sandbox
  end

  def teardown
    ENV.delete("KOBAKO_HOSTILE_SECRET")
  end

  def guest_failure(source)
    attempt(@sb, source, raises: Kobako::SandboxError)
  end

  def test_files_and_directories_are_absent
    ['File.read("/etc/passwd")', 'IO.read("/etc/passwd")', 'File.open("/tmp/x", "w")', 'Dir.entries("/")',
     'IO.popen("id")', 'open("/etc/passwd")', "`id`", "%x(id)", 'IO.sysopen("/etc/passwd")',
     'File.write("/tmp/kobako", "x")'].each { |source| guest_failure(source) }
  end

  def test_processes_and_exit_are_absent_or_contained
    ['system("id")', 'exec("id")', 'spawn("id")', "fork", "Process.kill(:KILL, 1)", "Process.pid",
     "exit!", "abort", "syscall(60)", 'trap("INT") {}'].each do |source|
      Hostile.count
      error = assert_raises(Kobako::SandboxError, Kobako::TrapError, source) { @sb.eval(source) }
      assert_contained(@sb, error)
    end
    # exit ends the script, not the host process.
    Hostile.count
    assert_raises(Kobako::Error) { @sb.eval("exit 3") }
    assert_contained(@sb, nil)
  end

  def test_the_environment_is_empty
    attempt_value(@sb, "Object.const_defined?(:ENV) ? ENV.to_h.size : 0", 0)
    guest_failure('ENV.fetch("KOBAKO_HOSTILE_SECRET")')
  end

  def test_sockets_and_requires_are_absent
    ['TCPSocket.new("127.0.0.1", 22)', "Socket.new(:INET, :STREAM)", 'require "socket"', 'require "open3"',
     'load "/etc/passwd"', 'require_relative "x"', 'Kernel.require("json")'].each { |source| guest_failure(source) }
  end

  def test_object_space_reaches_only_guest_objects
    attempt_value(@sb, "Object.const_defined?(:ObjectSpace) && ObjectSpace.respond_to?(:_id2ref)", false)
    attempt_value(@sb, "Object.constants.include?(:Hostile) || Object.constants.include?(:Minitest)", false)
    guest_failure("Hostile::SECRET")
  end

  def test_the_runtimes_own_entry_points_are_not_host_handles
    guest_failure("Kobako::Handle.new")
    guest_failure("Kobako::Handle.allocate")
    # A proxy the script made itself names a path the host never bound.
    attempt(@sb, "Kobako::Service.new('Svc::X', {}).anything", klass: "Kobako::NoServiceError")
  end
end
