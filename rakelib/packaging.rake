# frozen_string_literal: true

# Gems: the source gem (compiles the extension with cargo at install time,
# ships the prebuilt guest) and the precompiled platform gem (ships the
# extension built here, one per Ruby minor version found; installs with no
# compiler at all). docs/installation.md says which to use when.

require "rubygems/package"
require "tmpdir"

module KobakoPackaging
  extend Rake::DSL
  ROOT = File.expand_path("..", __dir__)
  PKG = File.join(ROOT, "pkg")

  module_function

  def spec
    Gem::Specification.load(File.join(ROOT, "kobako.gemspec"))
  end

  # The extension builds this checkout has: "3.1" => path of its kobako.so.
  def native_builds
    builds = {}
    current = File.join(ROOT, "lib", "kobako", "kobako.so")
    builds[RUBY_VERSION[/\A\d+\.\d+/]] = current if File.exist?(current)
    # Builds for other Rubies (rake compile:ruby33) sit where a platform gem
    # keeps them.
    Dir[File.join(ROOT, "lib", "kobako", "*", "kobako.so")].each { |so| builds[File.basename(File.dirname(so))] ||= so }
    builds.sort.to_h
  end

  def build_source_gem
    FileUtils.mkdir_p(PKG)
    Dir.chdir(ROOT) { Gem::Package.build(spec) }.then { |file| move_to_pkg(file) }
  end

  def build_platform_gem
    builds = native_builds
    abort "rake native:gem: no extension built; run `rake compile` first" if builds.empty?

    Dir.mktmpdir("kobako-platform-gem") do |stage|
      platform = platform_spec(builds)
      copy_tree(platform.files - builds.keys.map { |minor| so_path(minor) }, stage)
      builds.each do |minor, so|
        FileUtils.mkdir_p(File.join(stage, File.dirname(so_path(minor))))
        FileUtils.cp(so, File.join(stage, so_path(minor)))
      end
      Dir.chdir(stage) { move_to_pkg(Gem::Package.build(platform)) }
    end
  end

  def so_path(minor) = File.join("lib", "kobako", minor, "kobako.so")

  # The source gem's spec without the Rust sources and the extension, with
  # the built libraries, for this platform and the Ruby versions built.
  def platform_spec(builds)
    platform = spec
    platform.files = platform.files.reject { |f| f.start_with?("ext/", "wasm/", "tools/", "Cargo") } +
                     builds.keys.map { |minor| so_path(minor) }
    platform.platform = Gem::Platform.local.to_s
    platform.extensions = []
    minors = builds.keys.map { |minor| Gem::Version.new(minor) }
    platform.required_ruby_version = [">= #{minors.min}", "< #{minors.max.bump}.dev"]
    platform
  end

  def copy_tree(files, stage)
    files.each do |file|
      FileUtils.mkdir_p(File.join(stage, File.dirname(file)))
      FileUtils.cp(File.join(ROOT, file), File.join(stage, file))
    end
  end

  def move_to_pkg(file)
    FileUtils.mkdir_p(PKG)
    target = File.join(PKG, File.basename(file))
    FileUtils.mv(file, target) unless File.expand_path(file) == target
    target
  end

  # Installs `gem` into an empty GEM_HOME and runs a script with only that
  # GEM_HOME (and Ruby's default gems) visible; `path` is the PATH it runs
  # with, so the platform gem can be shown to need no cargo.
  def install_and_run(gem, ruby: Gem.ruby, path: ENV.fetch("PATH"))
    Dir.mktmpdir("kobako-gem-home") do |home|
      env = { "GEM_HOME" => home, "GEM_PATH" => home, "PATH" => path, "RUBYOPT" => nil, "BUNDLE_GEMFILE" => nil,
              "SOURCE_DATE_EPOCH" => nil }
      started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
      sh(env, ruby, "-S", "gem", "install", "--local", "--no-document", "--install-dir", home, gem)
      seconds = Process.clock_gettime(Process::CLOCK_MONOTONIC) - started
      puts format("installed %<gem>s in %<seconds>.1f s", gem: File.basename(gem), seconds: seconds)
      script = <<~'RUBY'
        require "kobako"
        abort "loaded from #{$LOADED_FEATURES.grep(/kobako\.rb/).first}" unless $LOADED_FEATURES.grep(%r{/kobako\.rb\z}).first.start_with?(ENV["GEM_HOME"])
        box = Kobako::Sandbox.new(timeout: 5)
        box.define(:Calc).bind(:Add, ->(a, b) { a + b })
        value = box.eval('puts "hi"; Calc::Add.call(40, 2)')
        abort "got #{value.inspect}" unless value == 42 && box.stdout == "hi\n"
        puts "kobako #{Kobako::VERSION} from the installed gem on Ruby #{RUBY_VERSION}: ok"
      RUBY
      sh(env, ruby, "-e", script, chdir: home)
    end
  end

  # PATH without any directory holding cargo or rustc.
  def path_without_rust
    ENV.fetch("PATH").split(File::PATH_SEPARATOR).reject do |dir|
      File.executable?(File.join(dir, "cargo")) || File.executable?(File.join(dir, "rustc"))
    end.join(File::PATH_SEPARATOR)
  end
end

desc "Build the source gem into pkg/ (builds the guest first, so the gem always ships a fresh one)"
task build: %w[wasm:build] do
  puts KobakoPackaging.build_source_gem
end

namespace :native do
  desc "Build the precompiled platform gem into pkg/ (every extension built here: rake compile, compile:ruby33)"
  task gem: %w[wasm:build compile] do
    puts KobakoPackaging.build_platform_gem
  end
end

namespace :test do
  desc "Build both gems, install each into an empty GEM_HOME and run a script against it"
  task packaging: %w[build native:gem] do
    version = KobakoPackaging.spec.version
    platform_gem = File.join(KobakoPackaging::PKG, "kobako-#{version}-#{Gem::Platform.local}.gem")
    KobakoPackaging.install_and_run(platform_gem, path: KobakoPackaging.path_without_rust)
    KobakoPackaging.install_and_run(File.join(KobakoPackaging::PKG, "kobako-#{version}.gem"))
  end
end
