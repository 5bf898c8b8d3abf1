# frozen_string_literal: true

require "test_helper"
require_relative "mruby/suite"

# mruby 3.2's own test suite, run inside the guest (test/mruby/suite.rb); the
# failures that are expected are listed with reasons in test/mruby/exclusions.yml.
class MrubySuiteTest < KobakoTest
  RESULTS = MrubySuite.run_all
  puts "\nmruby's own tests in the guest: #{MrubySuite.summary(RESULTS)}"

  def test_the_whole_suite_ran
    assert_operator RESULTS.size, :>=, 75, "expected mruby's core and gem test files"
    assert_operator RESULTS.sum(&:total), :>=, 1440
    gems_tested = RESULTS.map { |r| r.path[%r{\Amrbgems/([^/]+)/}, 1] }.compact.uniq
    assert_operator gems_tested.size, :>=, 30, gems_tested.inspect
  end

  def test_every_failure_is_excluded_with_a_reason
    assert_empty MrubySuite.unexpected(RESULTS), "mruby tests failing in the guest (not in test/mruby/exclusions.yml)"
  end

  def test_exclusions_are_still_needed
    failing = RESULTS.to_h { |r| [r.path, r.failures.map { |m| MrubySuite.assertion_name(m) }] }
    stale = MrubySuite.exclusions.fetch("assertions").flat_map do |path, names|
      names.keys.reject { |name| failing.fetch(path, []).include?(name) }.map { |name| "#{path}: #{name}" }
    end
    assert_empty stale, "these listed mruby assertions pass now: remove them from test/mruby/exclusions.yml"
    missing = MrubySuite.exclusions.fetch("files").keys.reject { |path| File.exist?(File.join(MrubySuite::SRC, path)) }
    assert_empty missing
  end

  def test_blocks_not_run_exist
    MrubySuite.exclusions.fetch("not_run").each do |path, names|
      source = File.read(File.join(MrubySuite::SRC, path))
      names.each_key { |name| assert_includes source, "assert('#{name}')", "#{path}: no such assert block" }
    end
  end
end
