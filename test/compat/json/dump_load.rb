require "json"
s = JSON.dump({ "x" => [1, 2] })
[s, JSON.load(s)]
