tags = [%w[ruby wasm], %w[ruby gems], %w[sandbox wasm]]
[tags.flatten.uniq, tags.flat_map(&:itself).tally.max_by { |_, n| n }, tags.sum([]).size]
