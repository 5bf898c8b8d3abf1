require "json"
doc = JSON.parse('{"a": [1, 2.5, "x"], "b": {"c": true, "d": null}}')
[doc["a"], doc.dig("b", "c"), doc["b"].key?("d")]
