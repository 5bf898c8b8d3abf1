e = [1, 2, 3].each
out = []
loop { out << e.next }
out << :done
begin
  e.next
rescue StopIteration
  out << :stop
end
out
