pages = [1, 2, 3, 7, 8, 10, 14, 15, 16]
ranges = pages.chunk_while { |a, b| b == a + 1 }.map { |g| g.size > 1 ? "#{g.first}-#{g.last}" : g.first.to_s }
ranges.join(",")
