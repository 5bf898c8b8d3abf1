begin
  1 + "2"
rescue TypeError => e
  [e.class, 1 + "2".to_i, "1" + 2.to_s]
end
