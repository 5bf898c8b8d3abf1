# frozen_string_literal: true

# Runs mruby 3.2's own test suite inside the guest: test/t/*.rb (core) and
# mrbgems/<gem>/test/*.rb for every gem wasm/mruby_config.rb ships, each file in
# a fresh Kobako::Sandbox together with test/mruby/harness.rb and mruby's own
# test/assert.rb (read from the fetched tree in build/mruby/src, never committed).
# Counts are mruby's: one "assertion" is one `assert "name" do ... end` block.
# Files and assertions that cannot pass here are listed, with reasons, in
# test/mruby/exclusions.yml.

require "yaml"
require "kobako"

module MrubySuite
  ROOT = File.expand_path("../..", __dir__)
  SRC = File.join(ROOT, "build", "mruby", "src")
  EXCLUSIONS = File.join(__dir__, "exclusions.yml")

  # One test file's outcome. +failures+ holds mruby's messages, each starting
  # "Fail: <name>", "Skip: <name>" or "<ErrorClass>: <name>".
  FileResult = Struct.new(:path, :ok, :ko, :crash, :skip, :warn, :failures, :error) do
    def total = ok + ko + crash
  end

  # The guest's answer: mruby's counters and its messages (first lines only).
  REPORT = "[$ok_test, $ko_test, $kill_test, $skip_test, $warning_test, " \
           "$asserts.map { |m| m.split(\"\\n\").first(6).join(\"\\n\") }]"

  module_function

  def gems
    config = File.read(File.join(ROOT, "wasm", "mruby_config.rb"))
    config[/%w\[(.*?)\]\.each \{ \|name\| conf\.gem core: name \}/m, 1].split
  end

  # [relative path, GEMNAME]
  def files
    core = Dir[File.join(SRC, "test", "t", "*.rb")].map { |f| [rel(f), "mruby-test"] }
    gem_files = gems.flat_map do |gem|
      Dir[File.join(SRC, "mrbgems", gem, "test", "*.rb")].map { |f| [rel(f), gem] }
    end
    (core + gem_files).sort
  end

  def rel(path) = path.delete_prefix("#{SRC}/")

  def exclusions
    YAML.safe_load_file(EXCLUSIONS)
  end

  def excluded_file?(path) = exclusions.fetch("files").key?(path)

  # Names of the `assert` blocks of +path+ that are not run at all ("not_run"
  # in exclusions.yml): blocks that would break the rest of their file, such as
  # codegen.rb's check that removes the Regexp constant.
  def not_run(path) = exclusions.fetch("not_run", {}).fetch(path, {}).keys

  def source_for(path, gem)
    [
      File.read(File.join(__dir__, "harness.rb")),
      File.read(File.join(SRC, "test", "assert.rb")),
      "__kobako_skip_asserts(#{not_run(path).inspect})",
      "GEMNAME = #{gem.inspect}",
      File.read(File.join(SRC, path)),
      REPORT
    ].join("\n")
  end

  def run_file(path, gem)
    sandbox = Kobako::Sandbox.new(timeout: 60.0, memory_limit: 256 << 20, stdout_limit: 1 << 20)
    ok, ko, crash, skip, warn, failures = sandbox.eval(source_for(path, gem))
    FileResult.new(path, ok, ko, crash, skip, warn, failures, nil)
  rescue Kobako::Error, ArgumentError => e
    FileResult.new(path, 0, 0, 0, 0, 0, [], "#{e.class}: #{e.message[0, 300]}")
  end

  def run_all
    files.reject { |path, _| excluded_file?(path) }.map { |path, gem| run_file(path, gem) }
  end

  # "Fail: Array#pack (mrbgems: mruby-pack)" => "Array#pack"
  def assertion_name(message)
    message.lines.first.to_s.sub(/\A[^:]+: /, "").sub(/ \[[^\]]*\]/, "").sub(/ => .*/, "")
           .sub(/ \((?:core|mrbgems: [^)]+)\)\s*\z/, "").strip
  end

  # Failures not listed in exclusions.yml ("assertions" => {path => {name => reason}}).
  def unexpected(results)
    listed = exclusions.fetch("assertions")
    results.flat_map do |r|
      next ["#{r.path}: #{r.error}"] if r.error

      failing = r.failures.reject { |m| m.start_with?("Skip: ") || listed.fetch(r.path, {}).key?(assertion_name(m)) }
      failing.map { |m| "#{r.path}: #{m}" }
    end
  end

  def summary(results)
    ok = results.sum(&:ok)
    total = results.sum(&:total)
    skipped = exclusions.fetch("files").size
    "#{ok}/#{total} assertions pass (#{results.size} files; #{skipped} files excluded, " \
      "#{results.sum(&:skip)} skipped by mruby's own skip)"
  end
end
