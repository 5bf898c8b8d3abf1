errs = begin
  %w[a b].sum
rescue TypeError => e
  e.class
end
[errs, [1, 2.5, 3r].sum, [2r, 1].sum, [1, 2].sum(1.0), [0.1, 0.2, 0.3, 1].sum, [Float::INFINITY, 1.0].sum]
