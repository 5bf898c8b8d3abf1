require "json"
defaults = JSON.parse('{"retries":3,"timeout":5,"log":{"level":"info"}}')
override = JSON.parse('{"timeout":10,"log":{"level":"debug"}}')
merged = defaults.merge(override) { |_, a, b| a.is_a?(Hash) ? a.merge(b) : b }
JSON.generate(merged)
