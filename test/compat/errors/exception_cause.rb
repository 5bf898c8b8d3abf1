begin
  begin
    raise "low level"
  rescue => e
    raise ArgumentError, "high level"
  end
rescue => outer
  [outer.message, outer.cause&.message]
end
