require "json"
JSON.generate({ "pi" => 3.14159, "half" => 0.5, "big" => 1e20 })
