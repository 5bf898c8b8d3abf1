[0.zero?, 5.positive?, -5.negative?, 4.even?, 3.odd?, 10.between?(1, 10), 5.pred, 5.succ, 3.integer?, -7.abs]
