# frozen_string_literal: true

# The CRuby-differential corpus: every program under test/compat/<kind>/ is run
# by CRuby (the oracle, test/compat/oracle.rb in a child process) and by a real
# Kobako::Sandbox, and the two are compared on stdout and on the `inspect` of
# the program's last value. Differences that are known and explained live in
# test/compat/known_differences.yml (program => reason).

require "open3"
require "rbconfig"
require "yaml"
require "kobako"
require_relative "../support/oracle_ruby"
require_relative "services"
require_relative "docs"

module Compat
  DIR = __dir__
  KNOWN_FILE = File.join(DIR, "known_differences.yml")

  # One program of the corpus; +name+ is its path below test/compat without ".rb".
  Program = Struct.new(:name, :path) do
    def source = File.read(path)
  end

  # What one side produced: stdout, the inspect of the last value, or the
  # class and message of an uncaught error.
  Run = Struct.new(:stdout, :value, :error) do
    def summary
      error ? "raised #{error}" : "=> #{value}"
    end
  end

  # Both sides of one program.
  Result = Struct.new(:program, :oracle, :guest) do
    def match? = oracle.to_a == guest.to_a
    def name = program.name
  end

  module_function

  def programs(filter = nil)
    paths = Dir[File.join(DIR, "*", "*.rb")]
    list = paths.map { |path| Program.new(path.delete_prefix("#{DIR}/").delete_suffix(".rb"), path) }
    filter ? list.select { |p| p.name.include?(filter) } : list
  end

  def known_differences
    File.exist?(KNOWN_FILE) ? (YAML.safe_load_file(KNOWN_FILE) || {}) : {}
  end

  # The same wrapping on both sides: the program's last value is kept and
  # inspected where it was made (guest values such as Structs or Sets cannot
  # cross the boundary, their inspect can).
  def wrap(source)
    "__compat_value__ = begin\n#{source}\nend\n__compat_value__.inspect\n"
  end

  def run_all(list = programs)
    oracle = run_oracle(list)
    list.map { |program| Result.new(program, oracle.fetch(program.name), run_guest(program)) }
  end

  # CRuby: one child process forks once per program (see oracle.rb).
  def run_oracle(list)
    out, status = Open3.capture2(ORACLE_RUBY, File.join(DIR, "oracle.rb"), *list.map(&:path), binmode: true)
    raise "compat oracle failed (#{status})" unless status.success?

    Marshal.load(out).transform_values { |triple| Run.new(*triple) } # rubocop:disable Security/MarshalLoad
  end

  def run_guest(program)
    sandbox = Kobako::Sandbox.new(timeout: 10.0, memory_limit: 64 << 20)
    Services.bind(sandbox) if Services.wanted?(program.source)
    value = sandbox.eval(wrap(program.source))
    Run.new(sandbox.stdout, value, nil)
  rescue Kobako::SandboxError => e
    Run.new(sandbox&.stdout.to_s, nil, "#{e.klass}: #{e.message}")
  rescue Kobako::Error => e
    Run.new(sandbox&.stdout.to_s, nil, "#{e.class}: #{e.message}")
  end

  # The per-program table `rake compat` prints.
  def table(results, known = known_differences)
    width = results.map { |r| r.name.size }.max.to_i
    lines = results.map do |r|
      status = { true => "match", false => known.key?(r.name) ? "known" : "DIFF " }.fetch(r.match?)
      note = r.match? ? "" : known.fetch(r.name, r.guest.summary[0, 80])
      format("%-5s  %-#{width}s  %s", status, r.name, note)
    end
    lines << summary(results)
    lines.join("\n")
  end

  def summary(results)
    "#{results.count(&:match?)}/#{results.size} programs match CRuby"
  end
end
