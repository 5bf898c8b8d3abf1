require "json"
JSON.parse('{"user": {"id": 7, "roles": ["admin"]}}', symbolize_names: true)
