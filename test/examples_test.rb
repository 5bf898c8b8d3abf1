# frozen_string_literal: true

require "test_helper"
require "open3"

# The examples are documentation; they must keep running.
class ExamplesTest < KobakoTest
  Dir[File.join(ROOT, "examples", "*.rb")].each do |path|
    name = File.basename(path, ".rb")
    define_method(:"test_example_#{name}_runs") do
      out, err, status = Open3.capture3(Gem.ruby, "-I", File.join(ROOT, "lib"), path)
      assert_predicate status, :success?, "examples/#{name}.rb failed:\n#{err}"
      refute_empty out
    end
  end
end
