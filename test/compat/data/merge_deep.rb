def deep_merge(a, b)
  a.merge(b) { |_, x, y| x.is_a?(Hash) && y.is_a?(Hash) ? deep_merge(x, y) : y }
end
defaults = { log: { level: "info", color: true }, port: 80 }
custom = { log: { level: "debug" }, host: "example" }
deep_merge(defaults, custom)
