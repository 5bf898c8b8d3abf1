# frozen_string_literal: true

require_relative "hostile_helper"
require "English"
require "rbconfig"

# The ActiveSupport group runs in its own Ruby process (see
# test/hostile/rails/core_ext_attempts.rb); its attempts join this run's count.
class HostileActiveSupportGroupTest < HostileTest
  SCRIPT = File.expand_path("rails/core_ext_attempts.rb", __dir__)

  def test_attempts_with_active_support_core_extensions_loaded
    root = File.expand_path("../..", __dir__)
    output = IO.popen([RbConfig.ruby, "-I#{root}/lib", "-I#{root}/test", SCRIPT, { err: %i[child out] }], &:read)
    assert_predicate $CHILD_STATUS, :success?, output
    assert_match(/ 0 failures, 0 errors, 0 skips/, output)
    count = output[/^hostile: (\d+) attempts$/, 1]
    refute_nil count, output
    assert_operator count.to_i, :>=, 40
    Hostile.count(count.to_i)
  end
end
