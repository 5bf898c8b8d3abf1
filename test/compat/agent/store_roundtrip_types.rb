App::Store.set("list", [1, "two", :three, nil, 2.5, { "k" => [true] }])
App::Store.get("list")
