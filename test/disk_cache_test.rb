# frozen_string_literal: true

require_relative "test_helper"
require "digest"
require "open3"
require "tmpdir"

# docs/behaviours.md §6: the compiled module is cached on disk under $XDG_CACHE_HOME/kobako,
# used only from a private directory, checked before use, pruned, and any
# failure falls back to compiling. The in-memory cache is per process, so each
# case runs a fresh child process.
class DiskCacheTest < KobakoTest
  CHILD = 'require "kobako"; print Kobako::Sandbox.new.eval("6 * 7")'
  DAY = 24 * 3600

  def run_child(env)
    out, err, status = Open3.capture3(env, Gem.ruby, "-I", File.join(ROOT, "lib"), "-e", CHILD)
    assert_predicate status, :success?, "child failed: #{err}"
    assert_equal "42", out
  end

  def entries(dir)
    Dir.children(dir).sort
  end

  def cached_files(dir)
    Dir[File.join(dir, "*.cwasm")]
  end

  def with_cache_home
    Dir.mktmpdir("kobako-cache-test") { |home| yield home, File.join(home, "kobako") }
  end

  def test_a_fresh_process_writes_the_cache_and_the_next_one_reuses_it
    with_cache_home do |home, dir|
      run_child("XDG_CACHE_HOME" => home)
      assert_equal 0o700, File.stat(dir).mode & 0o777
      files = cached_files(dir)
      assert_equal 1, files.size, entries(dir).inspect
      assert_equal 0o600, File.stat(files[0]).mode & 0o777
      inode = File.stat(files[0]).ino

      run_child("XDG_CACHE_HOME" => home)
      assert_equal [files[0]], cached_files(dir)
      assert_equal inode, File.stat(files[0]).ino, "a cache hit must not rewrite the entry"
    end
  end

  def test_a_damaged_entry_is_detected_removed_and_replaced
    with_cache_home do |home, dir|
      run_child("XDG_CACHE_HOME" => home)
      file = cached_files(dir).fetch(0)
      good = File.binread(file)
      damaged = good.dup.tap { |b| b.setbyte(b.bytesize / 2, b.getbyte(b.bytesize / 2) ^ 0xFF) }
      [damaged, good.byteslice(0, good.bytesize / 3), "", "\0" * 64].each do |bad|
        File.binwrite(file, bad)
        run_child("XDG_CACHE_HOME" => home)
        assert_equal Digest::SHA256.hexdigest(good), Digest::SHA256.file(file).hexdigest,
                     "the damaged entry (#{bad.bytesize} bytes) was not replaced by a fresh compile"
      end
    end
  end

  def test_a_directory_others_can_read_is_not_used
    with_cache_home do |home, dir|
      Dir.mkdir(dir, 0o755)
      File.chmod(0o755, dir)
      run_child("XDG_CACHE_HOME" => home)
      assert_empty entries(dir)
      assert_equal 0o755, File.stat(dir).mode & 0o777, "kobako must not loosen or tighten a directory it refuses"
    end
  end

  def test_a_symlinked_cache_directory_is_not_used
    with_cache_home do |home, dir|
      target = File.join(home, "elsewhere")
      Dir.mkdir(target, 0o700)
      File.symlink(target, dir)
      run_child("XDG_CACHE_HOME" => home)
      assert_empty entries(target)
    end
  end

  def test_a_directory_owned_by_someone_else_is_not_used
    with_cache_home do |home, dir|
      Dir.mkdir(dir, 0o700)
      if Process.euid.zero?
        File.chown(65_534, 65_534, dir) # nobody
      else
        # Without root, a foreign owner cannot be arranged; an unwritable
        # private directory exercises the same fallback.
        File.chmod(0o500, dir)
      end
      run_child("XDG_CACHE_HOME" => home)
      assert_empty entries(dir)
    end
  end

  def test_writing_an_entry_prunes_stale_entries_and_abandoned_temporaries
    with_cache_home do |home, dir|
      Dir.mkdir(dir, 0o700)
      stale = File.join(dir, "#{'0' * 64}-0000000000000000.cwasm")
      recent = File.join(dir, "#{'1' * 64}-0000000000000000.cwasm")
      abandoned = File.join(dir, ".99999.1.tmp")
      in_progress = File.join(dir, ".99999.2.tmp")
      [stale, recent, abandoned, in_progress].each { |path| File.binwrite(path, "x") }
      File.utime(Time.now - (30 * DAY), Time.now - (30 * DAY), stale)
      File.utime(Time.now - 7200, Time.now - 7200, abandoned)

      run_child("XDG_CACHE_HOME" => home)
      refute_path_exists stale
      refute_path_exists abandoned
      assert_path_exists recent
      assert_path_exists in_progress
      assert_equal 2, cached_files(dir).size # recent + the new entry
    end
  end

  def test_a_relative_xdg_cache_home_is_ignored_for_home_cache
    with_cache_home do |home, _dir|
      run_child("XDG_CACHE_HOME" => "relative/cache", "HOME" => home)
      assert_equal 1, cached_files(File.join(home, ".cache", "kobako")).size
    end
  end
end
