graph = { "a" => %w[b c], "b" => %w[d], "c" => %w[d e], "d" => %w[f], "e" => %w[f], "f" => [] }
def bfs(graph, from, to)
  queue = [[from]]
  seen = { from => true }
  until queue.empty?
    path = queue.shift
    return path if path.last == to
    graph[path.last].each { |n| next if seen[n]; seen[n] = true; queue << path + [n] }
  end
end
bfs(graph, "a", "f")
