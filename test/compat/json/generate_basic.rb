require "json"
JSON.generate({ "name" => "kobako", "tags" => %w[wasm ruby], "stars" => 12, "meta" => nil })
