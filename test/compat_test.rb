# frozen_string_literal: true

require "test_helper"
require_relative "compat/runner"

# The CRuby-differential corpus (test/compat/): every program must match CRuby,
# or be listed with its reason in test/compat/known_differences.yml, and a
# listed program that starts matching fails too, so the list stays true.
# docs/ruby.md carries the same list ("Differences from CRuby").
class CompatTest < KobakoTest
  RESULTS = Compat.run_all
  KNOWN = Compat.known_differences
  puts "\n#{Compat.summary(RESULTS)} (#{KNOWN.size} known differences)"

  def test_corpus_is_large_and_varied
    assert_operator RESULTS.size, :>=, 300
    kinds = RESULTS.map { |r| r.name.split("/").first }.uniq
    assert_operator kinds.size, :>=, 12, kinds.inspect
  end

  def test_every_unlisted_program_matches_cruby
    diffs = RESULTS.reject { |r| r.match? || KNOWN.key?(r.name) }
    message = diffs.map do |r|
      "#{r.name}\n  CRuby:  #{r.oracle.summary} stdout=#{r.oracle.stdout.inspect}\n  " \
        "kobako: #{r.guest.summary} stdout=#{r.guest.stdout.inspect}"
    end
    assert_empty diffs, "programs that differ from CRuby and are not in known_differences.yml:\n#{message.join("\n")}"
  end

  def test_listed_programs_still_differ
    names = RESULTS.map(&:name)
    assert_empty KNOWN.keys - names, "known_differences.yml lists programs that do not exist"
    fixed = RESULTS.select { |r| r.match? && KNOWN.key?(r.name) }.map(&:name)
    assert_empty fixed, "these programs now match CRuby: remove them from known_differences.yml"
  end

  def test_every_reason_is_given
    blank = KNOWN.select { |_, reason| reason.to_s.strip.empty? }.keys
    assert_empty blank
  end

  def test_docs_list_the_same_differences
    doc = File.read(File.join(ROOT, "docs", "ruby.md"))
    assert_includes doc, Compat::Docs.section(KNOWN), "docs/ruby.md is out of step: run `rake compat:docs`"
  end
end
