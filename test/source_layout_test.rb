# frozen_string_literal: true

require "minitest/autorun"
require "tsort"

# The extension's modules import each other without cycles (docs/architecture.md):
# each file's `crate::…` paths are resolved to the longest module they name, and
# the resulting graph is checked for strongly connected components.
class SourceLayoutTest < Minitest::Test
  SRC = File.expand_path("../ext/kobako/src", __dir__)

  # module path ("invocation::driver") => source text, test modules left out.
  def modules
    Dir[File.join(SRC, "**", "*.rs")].reject { |f| f.end_with?("/tests.rs") }.to_h do |file|
      [file.delete_prefix("#{SRC}/").delete_suffix(".rs").gsub("/", "::"), File.read(file)]
    end
  end

  def imports(mods)
    mods.to_h do |name, text|
      children = text.scan(/\buse self::([a-z_]+)/).flatten.map { |child| "#{name}::#{child}" }
      paths = text.scan(/crate::([a-z_:]+)/).flatten + children
      deps = paths.filter_map do |path|
        parts = path.split("::")
        parts.size.downto(1).map { |n| parts.first(n).join("::") }.find { |candidate| mods.key?(candidate) }
      end
      [name, (deps.uniq - [name])]
    end
  end

  def test_the_extension_has_no_import_cycle
    graph = imports(modules)
    cycles = TSort.strongly_connected_components(->(&b) { graph.each_key(&b) }, ->(n, &b) { graph.fetch(n).each(&b) })
                  .select { |component| component.size > 1 }
    assert_empty cycles, "import cycles in ext/kobako/src: #{cycles.map { |c| c.join(' -> ') }.join('; ')}"
  end

  def test_the_module_groups_are_where_docs_say
    mods = modules.keys
    %w[loading::engine loading::loader loading::disk_cache loading::probe invocation::driver invocation::dispatch
       invocation::channel invocation::guest invocation::state wasi::profile wasi::output].each do |name|
      assert_includes mods, name
    end
  end
end
