e = %w[a b c].each
first = e.next
peeked = e.peek
second = e.next
e.rewind
[first, peeked, second, e.next]
