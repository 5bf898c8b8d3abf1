def parse_pair(s)
  k, v = s.split("=", 2)
  raise ArgumentError, "no value for #{k}" if v.nil?
  [k.strip, v.strip]
rescue ArgumentError => e
  [:error, e.message]
end
["a = 1", "b=", "c", "d=x=y"].map { |s| parse_pair(s) }
