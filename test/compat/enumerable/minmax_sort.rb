words = %w[kiwi fig banana apple cherry]
[words.minmax, words.minmax_by(&:size), words.sort.reverse, words.sort { |a, b| b.size <=> a.size }.first]
