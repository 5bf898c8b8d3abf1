def walk(tree, depth = 0, &block)
  tree.each do |k, v|
    yield k, depth
    walk(v, depth + 1, &block) if v.is_a?(Hash)
  end
end
tree = { "src" => { "lib" => { "a.rb" => nil }, "main.rb" => nil }, "README" => nil }
lines = []
walk(tree) { |name, d| lines << ("  " * d) + name }
puts lines
lines.size
