readings = [10, 12, 9, 15, 15, 20]
deltas = readings.each_cons(2).map { |a, b| b - a }
puts deltas.inspect
[deltas.max, deltas.min, readings.each_cons(3).count]
