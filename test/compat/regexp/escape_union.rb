words = ["a.b", "c+d"]
re = Regexp.union(words)
["xa.by", "c+d!", "cxd"].map { |s| s.match?(re) }
