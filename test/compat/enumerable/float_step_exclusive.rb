[(1.0...2.0).step(0.25).to_a, (0.0..1.0).step(0.1).to_a.size, (0.0...1.0).step(0.1).to_a.last, 1.step(2, 0.5).to_a]
