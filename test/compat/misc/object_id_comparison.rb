a = "same"
b = a
c = a.dup
[a.equal?(b), a.equal?(c), a == c, a.object_id == b.object_id]
