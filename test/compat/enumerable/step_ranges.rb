[1.step(10, 3).to_a, 10.step(1, -4).to_a, (1..10).step(2).to_a, (0.0..1.0).step(0.25).to_a, 1.0.step(2.0, 0.5).to_a]
