h = { a: 1 }
out = []
out << h.fetch(:a)
out << h.fetch(:b, :default)
out << h.fetch(:c) { |k| "computed #{k}" }
begin
  h.fetch(:zz)
rescue KeyError => e
  out << e.class
end
out
