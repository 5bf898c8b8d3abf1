# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "open3"
require "stringio"
require "tmpdir"
require "kobako/cli"

# exe/kobako, run as a real subprocess for every flag and exit status
# (docs/cli.md).
class CliTest < KobakoTest
  EXE = File.join(ROOT, "exe", "kobako")

  def kobako(*args, stdin: "")
    Open3.capture3(Gem.ruby, "-I", File.join(ROOT, "lib"), EXE, *args, stdin_data: stdin)
  end

  def assert_kobako(status, *args, stdin: "")
    out, err, result = kobako(*args, stdin: stdin)
    assert_equal status, result.exitstatus, "kobako #{args.join(' ')}\nstdout: #{out}\nstderr: #{err}"
    [out, err]
  end

  def with_script(source, name = "tool.rb")
    Dir.mktmpdir("kobako-cli-test") do |dir|
      path = File.join(dir, name)
      File.write(path, source)
      yield path, dir
    end
  end

  def test_eval_prints_output_then_the_value
    out, err = assert_kobako(0, "-e", 'puts "hi"; $stderr.print "warn"; print "x"; [1, :a, {b: 2}]')
    assert_equal "hi\nx\n[1, :a, {:b=>2}]\n", out
    assert_equal "warn", err
  end

  def test_a_file_runs_under_its_own_name
    with_script("def f = raise(ArgumentError, 'bad')\n\nf\n") do |path|
      out, err = assert_kobako(1, path)
      assert_empty out
      assert_equal "#{path}:1:in f: ArgumentError: bad (Kobako::SandboxError)\n\tfrom #{path}:3\n", err
    end
  end

  def test_stdin_with_a_dash
    out, = assert_kobako(0, "-", stdin: "6 * 7")
    assert_equal "42\n", out
    _out, err = assert_kobako(1, "-", stdin: "raise 'from stdin'")
    assert_match(/\A-:1: RuntimeError: from stdin \(Kobako::SandboxError\)/, err)
  end

  def test_syntax_errors_exit_1_with_file_line_and_column
    _out, err = assert_kobako(1, "-e", "1 +\n")
    assert_match(/\A-e:\d+: SyntaxError: -e:\d+:\d+: .*\(Kobako::SandboxError\)\n\z/, err)
  end

  def test_quiet_omits_the_value
    out, = assert_kobako(0, "-q", "-e", "puts 1; 2")
    assert_equal "1\n", out
  end

  def test_usage_goes_to_stderr
    out, err = assert_kobako(0, "--usage", "-e", "'a' * 10")
    assert_equal "\"aaaaaaaaaa\"\n", out
    assert_match(/\Akobako: wall_time=\d+\.\d{4}s memory_peak=\d+ service_calls=0\n\z/, err)
  end

  def test_timeout_exits_with_three
    _out, err = assert_kobako(3, "--timeout", "0.3", "-e", "loop {}")
    assert_match(/Kobako::TimeoutError/, err)
  end

  def test_memory_limit_accepts_sizes_and_exits_with_four
    bomb = "a = []; loop { a << ('x' * 65536) }"
    _out, err = assert_kobako(4, "--memory-limit", "2M", "-e", bomb)
    assert_match(/Kobako::MemoryLimitError/, err)
    out, = assert_kobako(0, "-m", "64M", "-q", "--usage", "-e", "s = 'x' * (8 << 20); s.size")
    assert_empty out
    _out, err = assert_kobako(0, "-m", "64MiB", "-e", "1")
    assert_empty err
  end

  def test_output_limits_truncate
    out, err = assert_kobako(0, "--stdout-limit", "4", "--stderr-limit", "2", "--usage", "-q",
                             "-e", "print 'abcdefgh'; $stderr.print 'xyz'")
    assert_equal "abcd", out
    assert err.start_with?("xy"), err
    assert_match(/truncated=stdout,stderr$/, err)
  end

  def test_profile_and_gvl_flags
    hermetic = Array.new(2) { assert_kobako(0, "-e", "rand(1 << 30)")[0] }
    assert_equal 1, hermetic.uniq.size, "a hermetic guest's Random is reproducible"
    out, = assert_kobako(0, "--profile", "permissive", "--gvl", "hold", "-e", "rand(1 << 30).is_a?(Integer)")
    assert_equal "true\n", out
    _out, err = assert_kobako(2, "--profile", "open", "-e", "1")
    assert_match(/invalid argument: --profile open/, err)
  end

  def test_json_reports_everything_for_machines
    out, = assert_kobako(0, "--json", "-e", "puts 'hi'; {'a' => [1, 2.5, nil, true]}")
    report = JSON.parse(out)
    assert_equal({ "a" => [1, 2.5, nil, true] }, report["value"])
    assert_equal '{"a"=>[1, 2.5, nil, true]}', report["inspect"]
    assert_equal "hi\n", report["stdout"]
    assert_equal [true, 0, nil], [report["ok"], report["status"], report["error"]]
    assert_equal %w[memory_peak service_calls wall_time], report["usage"].keys.sort

    out, = assert_kobako(0, "--json", "-e", ":sym")
    report = JSON.parse(out)
    assert_nil report["value"], "a Symbol is not a JSON value; inspect carries it"
    assert_equal ":sym", report["inspect"]
  end

  def test_json_errors_carry_class_message_backtrace_and_status
    out, err = assert_kobako(1, "--json", "-e", "def go = raise(KeyError, 'k')\ngo")
    assert_empty err
    error = JSON.parse(out).fetch("error")
    assert_equal "Kobako::SandboxError", error["class"]
    assert_equal "KeyError", error["guest_class"]
    assert_equal "KeyError: k", error["message"]
    assert_equal ["-e:1:in go", "-e:2"], error["backtrace"]

    out, = assert_kobako(3, "--json", "-t", "0.2", "-e", "loop {}")
    report = JSON.parse(out)
    assert_equal [false, 3, "Kobako::TimeoutError"], [report["ok"], report["status"], report["error"]["class"]]
  end

  def test_usage_errors_exit_with_two
    [%w[--timeout abc -e 1], %w[--timeout -1 -e 1], %w[-m 12Q -e 1], %w[-m 0 -e 1], %w[--bogus], [],
     %w[a.rb b.rb], %w[-e 1 extra], ["/no/such/file.rb"]].each do |args|
      _out, err = assert_kobako(2, *args)
      assert_match(/\Akobako: .+\nRun `kobako --help` for usage\.\n\z/, err, args.inspect)
    end
    _out, err = assert_kobako(2, "-", stdin: "\xFF".b)
    assert_match(/not valid UTF-8/, err)
  end

  def test_help_and_version
    out, = assert_kobako(0, "--help")
    assert_match(/\AUsage: kobako \[options\] FILE \| - \| -e CODE$/, out)
    %w[--timeout --memory-limit --stdout-limit --stderr-limit --profile --gvl --quiet --usage --json].each do |flag|
      assert_includes out, flag
    end
    7.times { |status| assert_match(/^  #{status}  /, out) }
    out, = assert_kobako(0, "--version")
    assert_equal "kobako #{Kobako::VERSION}\n", out
  end

  def test_compile_writes_bytecode_that_preloads
    with_script("module Greeter\n  def self.call(name) = \"hello \#{name}\"\nend\n", "greeter.rb") do |path, dir|
      assert_kobako(0, "compile", path)
      bytes = File.binread(File.join(dir, "greeter.mrb"))
      assert bytes.start_with?("RITE"), bytes.byteslice(0, 8).inspect
      assert_equal "hello you", Kobako::Sandbox.new.preload(binary: bytes).run(:Greeter, "you")

      out_path = File.join(dir, "custom.mrb")
      assert_kobako(0, "compile", path, "-o", out_path, "--name", "lib/greeter.rb", "--no-debug")
      small = File.binread(out_path)
      assert_operator small.bytesize, :<, bytes.bytesize, "--no-debug drops the line table"
    end
  end

  def test_the_cli_runs_in_process_without_exiting
    out = StringIO.new
    err = StringIO.new
    status = Kobako::CLI.new(["-u", "-"], stdin: StringIO.new("puts 'in'; 7"), stdout: out, stderr: err).run
    assert_equal [0, "in\n7\n"], [status, out.string]
    assert_match(/\Akobako: wall_time=/, err.string)
    assert_equal 3, Kobako::CLI.new(["-t", "0.2", "-e", "loop {}"], stdout: out, stderr: err).run
  end

  def test_compile_reports_syntax_errors_and_usage_errors
    with_script("def broken(\n") do |path|
      _out, err = assert_kobako(1, "compile", path)
      assert_match(/SyntaxError: tool\.rb:\d+:\d+: .*\(Kobako::SandboxError\)/, err)
      assert_kobako(2, "compile")
      assert_kobako(2, "compile", path, "--name", "")
    end
  end
end
