require "json"
puts JSON.pretty_generate({ "a" => 1, "b" => [1, 2], "c" => {} })
nil
