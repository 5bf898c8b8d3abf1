%w[a b c].each.with_index(1).map { |s, i| "#{i}.#{s}" }
