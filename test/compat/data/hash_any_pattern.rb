flags = { debug: false, verbose: true, color: nil }
[flags.any? { |_, v| v }, flags.all? { |k, _| k.is_a?(Symbol) }, flags.count { |_, v| v.nil? }, flags.none? { |_, v| v == 1 }]
