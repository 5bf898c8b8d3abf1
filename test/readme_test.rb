# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "rbconfig"

# Every ```ruby block of the README runs when pasted alone: each is run in a
# fresh Ruby process with nothing but kobako on the load path, and every
# `expr # => value` claim in it is checked (`expr # Kobako::SomeError`: that it
# raises). A block that starts with a file-path comment (`# config/…`) is a
# file of the example Rails app instead, and must match that file.
class ReadmeTest < KobakoTest
  README = File.join(ROOT, "README.md")
  BLOCKS = File.read(README).scan(/```ruby\n(.*?)```/m).flatten.freeze
  CLAIM = /\A(?<expr>.+?)\s+# => (?<value>.+)\z/
  RAISES = /\A(?<expr>.+?)\s+# (?<error>Kobako::\w+)\z/
  APP_FILE = %r{\A# (?<path>(?:config|app)/\S+\.rb)\n}
  # The assertions a rewritten block calls; minitest's own, without its runner.
  PRELUDE = <<~'RUBY'
    require "minitest"
    extend Minitest::Assertions
    def self.assertions = @assertions ||= 0
    def self.assertions=(count)
      @assertions = count
    end
  RUBY

  def test_the_readme_has_ruby_examples
    assert_operator BLOCKS.size, :>=, 6
  end

  def test_each_readme_example_runs_alone_and_says_what_it_returns
    checks = 0
    BLOCKS.each_with_index do |block, index|
      next if APP_FILE.match?(block)

      program = block.lines.map { |line| checked(line.chomp) { checks += 1 } }.join("\n")
      out, status = Open3.capture2e(RbConfig.ruby, "-I", File.join(ROOT, "lib"), "-e", PRELUDE + program)
      assert status.success?, "README block #{index + 1} failed when run alone:\n#{block}\n--- output:\n#{out}"
    end
    assert_operator checks, :>=, 10, "the README's claims were not found"
  end

  def test_readme_blocks_that_show_app_files_match_the_example_app
    BLOCKS.each do |block|
      next unless (m = APP_FILE.match(block))

      file = File.join(ROOT, "examples", "rails", m[:path])
      assert File.exist?(file), "the README shows #{m[:path]}, which examples/rails does not have"
      body = File.read(file).delete_prefix("# frozen_string_literal: true\n\n")
      assert_equal body, m.post_match, "the README's #{m[:path]} differs from examples/rails/#{m[:path]}"
    end
  end

  def test_every_file_the_readme_links_exists
    File.read(README).scan(/\]\(([^)#\s]+)\)/).flatten.grep_v(%r{\A\w+://}).each do |link|
      assert File.exist?(File.join(ROOT, link)), "README links to #{link}, which is not in the repository"
    end
  end

  private

  # One README line, rewritten to assert what its comment claims.
  def checked(line)
    if (m = CLAIM.match(line)) && literal?(m[:value])
      yield
      "assert_equal(#{m[:value]}, (#{m[:expr].strip}))"
    elsif (m = RAISES.match(line))
      yield
      "assert_raises(#{m[:error]}) { #{m[:expr].strip} }"
    else
      line
    end
  end

  # Claims written as Ruby values; `#<Kobako::Usage ...>` and prose are not.
  def literal?(text)
    !text.start_with?("#<", "the ") && !text.include?("#{' ' * 2}#")
  end
end
