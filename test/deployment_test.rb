# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "tmpdir"

# Deployment settings (docs/deployment.md): where the disk cache lives
# (KOBAKO_CACHE_DIR, Kobako.configuration), turning it off, never creating a
# missing parent directory, load log lines through Kobako.logger,
# Kobako.warm!, and one Kobako.pool per forked process. The in-memory module
# cache is per process, so each case runs fresh child processes.
class DeploymentTest < KobakoTest
  def child(env, script)
    out, err, status = Open3.capture3(env, Gem.ruby, "-I", File.join(ROOT, "lib"), "-rkobako", "-e", script)
    assert_predicate status, :success?, "child failed: #{err}"
    [out, err]
  end

  def cached_files(dir)
    Dir[File.join(dir, "*.cwasm")]
  end

  def in_tmp(&)
    Dir.mktmpdir("kobako-deploy-test", &)
  end

  EVAL = 'print Kobako::Sandbox.new.eval("6 * 7")'

  def test_kobako_cache_dir_chooses_the_directory
    in_tmp do |tmp|
      custom = File.join(tmp, "custom")
      out, = child({ "KOBAKO_CACHE_DIR" => custom, "XDG_CACHE_HOME" => File.join(tmp, "xdg") }, EVAL)
      assert_equal "42", out
      assert_equal 1, cached_files(custom).size
      assert_equal 0o700, File.stat(custom).mode & 0o777
      refute_path_exists File.join(tmp, "xdg"), "the XDG location is not touched"
    end
  end

  def test_a_relative_kobako_cache_dir_is_relative_to_the_working_directory
    in_tmp do |tmp|
      out, _err, status = Open3.capture3({ "KOBAKO_CACHE_DIR" => "cache" }, Gem.ruby, "-I", File.join(ROOT, "lib"),
                                         "-rkobako", "-e", EVAL, chdir: tmp)
      assert_predicate status, :success?
      assert_equal "42", out
      assert_equal 1, cached_files(File.join(tmp, "cache")).size
    end
  end

  def test_kobako_cache_dir_off_turns_the_disk_cache_off
    in_tmp do |tmp|
      out, = child({ "KOBAKO_CACHE_DIR" => "off", "XDG_CACHE_HOME" => tmp, "HOME" => tmp }, EVAL)
      assert_equal "42", out
      assert_empty Dir.children(tmp)
    end
  end

  def test_configuration_turns_the_disk_cache_off_and_wins_over_the_environment
    in_tmp do |tmp|
      env = { "KOBAKO_CACHE_DIR" => File.join(tmp, "env"), "XDG_CACHE_HOME" => tmp }
      out, = child(env, "Kobako.configure { |c| c.disk_cache = false }; p Kobako.configuration.cache_dir; #{EVAL}")
      assert_equal "nil\n42", out
      assert_empty Dir.children(tmp)

      chosen = File.join(tmp, "chosen")
      out, = child(env, "Kobako.configuration.cache_dir = #{chosen.inspect}; #{EVAL}")
      assert_equal "42", out
      assert_equal 1, cached_files(chosen).size
      refute_path_exists File.join(tmp, "env")
    end
  end

  def test_missing_parent_directories_are_never_created
    in_tmp do |tmp|
      deep = File.join(tmp, "no", "such", "kobako")
      out, = child({ "KOBAKO_CACHE_DIR" => deep }, EVAL)
      assert_equal "42", out, "a missing parent means no disk cache, not a failure"
      refute_path_exists File.join(tmp, "no")

      home = File.join(tmp, "missing-home")
      out, = child({ "HOME" => home, "XDG_CACHE_HOME" => nil }, EVAL)
      assert_equal "42", out
      refute_path_exists home, "a missing $HOME is not created"
    end
  end

  def test_an_existing_home_gets_its_xdg_cache_base
    in_tmp do |home|
      child({ "HOME" => home, "XDG_CACHE_HOME" => nil }, EVAL)
      assert_equal 0o700, File.stat(File.join(home, ".cache")).mode & 0o777
      assert_equal 1, cached_files(File.join(home, ".cache", "kobako")).size
    end
  end

  def test_the_logger_reports_compiles_and_cache_hits_and_is_silent_by_default
    in_tmp do |tmp|
      env = { "KOBAKO_CACHE_DIR" => tmp }
      logged = 'require "logger"; Kobako.logger = Logger.new($stderr); '
      _out, err = child(env, logged + EVAL)
      lines = err.lines
      assert_equal 2, lines.size, err
      assert_match(/INFO -- : kobako: loading the guest module .*kobako\.wasm \(disk cache #{tmp}; compiles/, lines[0])
      assert_match(/INFO -- : kobako: guest module compiled and stored in the disk cache #{tmp} in \d+\.\d ms/,
                   lines[1])

      _out, err = child(env, logged + EVAL)
      assert_match(/kobako: guest module loaded from the disk cache #{tmp} in \d+\.\d ms/, err.lines.last)

      _out, err = child({ "KOBAKO_CACHE_DIR" => "off" }, logged + EVAL)
      assert_match(/kobako: guest module compiled \(disk cache off\) in \d+\.\d ms/, err.lines.last)

      _out, err = child(env, EVAL)
      assert_empty err, "no logger, no output"
    end
  end

  def test_warm_loads_the_module_once_so_sandboxes_do_not
    in_tmp do |tmp|
      script = <<~RUBY
        require "logger"
        first = Kobako.warm!
        again = Kobako.warm!
        Kobako.logger = Logger.new($stderr)
        Kobako::Sandbox.new.eval("1")
        print first[:origin], " ", again[:origin], " ", first[:path] == Kobako::Sandbox::DEFAULT_WASM_PATH
      RUBY
      out, err = child({ "KOBAKO_CACHE_DIR" => tmp }, script)
      assert_equal "compiled_and_cached compiled_and_cached true", out
      assert_empty err, "the Sandbox found the module already loaded"
      out, = child({ "KOBAKO_CACHE_DIR" => tmp }, "print Kobako.warm![:origin]")
      assert_equal "disk_cache", out
    end
  end

  def test_kobako_pool_is_rebuilt_in_a_forked_child
    script = <<~RUBY
      Kobako.configure do |c|
        c.pool_size = 2
        c.sandbox = { timeout: 5.0 }
        c.setup { |sb| sb.define(:App).bind(:Pid, -> { Process.pid }) }
      end
      parent = Kobako.pool
      parent.with { |sb| sb.eval("App::Pid.call") }
      reader, writer = IO.pipe
      pid = fork do
        reader.close
        pool = Kobako.pool
        writer.write([pool.equal?(parent), pool.size, pool.with { |sb| sb.eval("App::Pid.call") } == Process.pid,
                      Kobako.pool.equal?(pool)].inspect)
        writer.close
      end
      writer.close
      child = reader.read
      Process.wait(pid)
      print child, " ", Kobako.pool.equal?(parent), " ", $?.success?
    RUBY
    out, = child({}, script)
    assert_equal "[false, 0, true, true] true true", out
  end

  def test_rake_kobako_warm_fills_the_disk_cache
    in_tmp do |tmp|
      File.write(File.join(tmp, "Rakefile"), 'require "kobako/tasks"')
      out, err, status = Open3.capture3({ "KOBAKO_CACHE_DIR" => tmp, "RUBYLIB" => File.join(ROOT, "lib") },
                                        "rake", "-f", File.join(tmp, "Rakefile"), "kobako:warm", chdir: tmp)
      assert_predicate status, :success?, err
      assert_match(/\Akobako: guest module compiled_and_cached in \d+\.\d ms \(disk cache #{tmp}\)\n\z/, out)
      assert_equal 1, cached_files(tmp).size
    end
  end

  def test_a_rails_app_gets_kobako_warm_from_the_railtie
    in_tmp do |tmp|
      app = File.join(ROOT, "examples", "rails")
      env = { "KOBAKO_CACHE_DIR" => tmp, "RUBYLIB" => File.join(ROOT, "lib"), "LOG_LEVEL" => "warn" }
      out, err, status = Open3.capture3(env, "rake", "-f", File.join(app, "Rakefile"), "kobako:warm", chdir: app)
      assert_predicate status, :success?, err
      assert_match(/^kobako: guest module compiled_and_cached in \d+\.\d ms \(disk cache #{tmp}\)$/, out)
      assert_equal 1, cached_files(tmp).size
    end
  end

  def test_configuration_is_checked_when_set
    config = Kobako::Configuration.new
    assert_raises(ArgumentError) { config.pool_size = 0 }
    assert_raises(ArgumentError) { config.sandbox = { timeout: -1 } }
    assert_raises(ArgumentError) { config.sandbox = { colour: :red } }
    assert_raises(ArgumentError) { config.cache_dir = 42 }
    config.sandbox = { "memory_limit" => 8 << 20 }
    assert_equal({ memory_limit: 8 << 20 }, config.sandbox)
    pool = config.build_pool
    assert_equal 5, pool.slots
    assert_equal 8 << 20, pool.with(&:memory_limit)
  end
end
