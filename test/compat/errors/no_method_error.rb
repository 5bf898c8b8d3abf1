begin
  nil.upcase
rescue NoMethodError => e
  [e.class, e.name]
end
