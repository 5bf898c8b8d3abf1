require "json"
[{ id: 1, ok: true }.to_json, [1, "two", nil].to_json, "quote\"d".to_json, 42.to_json]
