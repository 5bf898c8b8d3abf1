s = "abc".freeze
d = s.dup
d << "d"
h = { a: [1] }.freeze
err = begin
  h[:b] = 2
rescue => e
  e.class
end
[s.frozen?, d, d.frozen?, err]
