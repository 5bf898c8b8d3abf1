require "json"
data = { "users" => [{ "name" => "ann", "age" => 31 }, { "name" => "bob", "age" => 27 }] }
back = JSON.parse(JSON.generate(data))
[back == data, back["users"].sum { |u| u["age"] }]
