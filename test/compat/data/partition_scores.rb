scores = { "ann" => 91, "bob" => 58, "cid" => 74, "dee" => 45, "eve" => 88 }
pass, fail = scores.partition { |_, s| s >= 60 }
puts "pass: #{pass.map(&:first).join(', ')}"
puts "fail: #{fail.map(&:first).join(', ')}"
[pass.to_h, fail.size]
