def duration(secs)
  parts = { "h" => 3600, "m" => 60, "s" => 1 }.filter_map do |unit, size|
    n, secs = secs.divmod(size)
    "#{n}#{unit}" if n > 0
  end
  parts.empty? ? "0s" : parts.join(" ")
end
[0, 59, 61, 3600, 3725, 86399].map { |s| duration(s) }
