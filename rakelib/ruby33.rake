# frozen_string_literal: true

# The suite on a second, current Ruby: CRuby 3.3 built from Debian trixie's
# source package by tools/ruby/build-ruby33.sh (bin/setup runs it), the
# extension compiled against it into lib/kobako/3.3/ (where lib/kobako.rb
# looks first on 3.3, as in a platform gem), and every test file run with
# that Ruby. The extension's cargo target dir for 3.3 is its own (seeded
# from the 3.1 one, so wasmtime is not compiled again): rb-sys binds to one
# Ruby per build, and sharing one dir would rebuild it at every switch.

module KobakoRuby33
  ROOT = File.expand_path("..", __dir__)
  SCRIPT = File.join(ROOT, "tools", "ruby", "build-ruby33.sh")
  OUT = File.join(ROOT, "lib", "kobako", "3.3")
  # Tests that load gems Debian packages for its own Ruby 3.1 only (Puma is a
  # C extension; Rails 6.1 and ActiveSupport are installed for 3.1): they run
  # on 3.1.
  ONLY_ON_DEBIAN_RUBY = %w[
    test/puma_test.rb test/rails_app_test.rb test/instrumentation_test.rb test/deployment_test.rb
    test/hostile/active_support_test.rb
  ].freeze

  module_function

  def prefix
    @prefix ||= begin
      out = IO.popen(["bash", SCRIPT], &:read)
      raise "tools/ruby/build-ruby33.sh failed" unless $?.success? # rubocop:disable Style/SpecialGlobalVars

      out.lines.last.strip
    end
  end

  def ruby = File.join(prefix, "bin", "ruby")

  def target_dir
    dir = ENV.fetch("KOBAKO_RUBY33_TARGET_DIR") { File.join(Dir.home, ".cache", "kobako-target-ruby33") }
    seed = cargo_target_dir
    FileUtils.cp_r(seed, dir, preserve: true) if !File.exist?(dir) && File.directory?(seed)
    dir
  end

  def test_files
    Dir[File.join(ROOT, "test", "**", "*_test.rb")].map { |f| f.delete_prefix("#{ROOT}/") }.sort -
      ONLY_ON_DEBIAN_RUBY
  end
end

namespace :compile do
  desc "Build the native extension for Ruby 3.3 into lib/kobako/3.3/"
  task :ruby33 do
    env = { "CARGO_TARGET_DIR" => KobakoRuby33.target_dir, "RUBY" => KobakoRuby33.ruby, "SOURCE_DATE_EPOCH" => nil }
    sh(env, "cargo", "build", "--release", "--locked", "-p", "kobako", chdir: KobakoRuby33::ROOT)
    FileUtils.mkdir_p(KobakoRuby33::OUT)
    FileUtils.cp(File.join(env["CARGO_TARGET_DIR"], "release", "libkobako.so"),
                 File.join(KobakoRuby33::OUT, "kobako.so"))
  end
end

namespace :test do
  desc "Run the Ruby suite on Ruby 3.3 (built by bin/setup)"
  task ruby33: "compile:ruby33" do
    loader = "ARGV.each { |f| require File.expand_path(f) }"
    sh(KobakoRuby33.ruby, "-w", "-Ilib", "-Itest", "-e", loader, *KobakoRuby33.test_files,
       chdir: KobakoRuby33::ROOT)
  end
end
