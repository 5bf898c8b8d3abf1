vals = [3.14159, 2.71828, 1.41421]
[vals.map { |v| v.round(2) }, vals.sum.round(3), 10.0 / 4, 7.0.floor, 7.5.ceil, -7.5.round]
