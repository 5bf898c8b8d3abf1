[(0.0 / 0.0).nan?, (1.0 / 0).infinite?, 1e308 * 10, -0.0 == 0.0, 5.0.to_i, 3.7.truncate, -3.7.truncate, 2.5.round, 3.5.round]
