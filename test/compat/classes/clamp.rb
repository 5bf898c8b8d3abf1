[15.clamp(1, 10), -3.clamp(0, 5), 3.clamp(0, 5), 2.5.clamp(1, 2), "m".clamp("a", "f")]
