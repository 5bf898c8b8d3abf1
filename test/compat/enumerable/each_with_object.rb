words = %w[apple avocado banana blueberry cherry]
words.each_with_object(Hash.new { |h, k| h[k] = [] }) { |w, acc| acc[w[0]] << w }
