ids = (1..10).to_a
batches = ids.each_slice(4).to_a
batches.each_with_index { |b, i| puts "batch #{i}: #{b.inspect}" }
ids.each_slice(3).map(&:sum)
