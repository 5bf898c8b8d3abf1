data = { users: [{ name: "ann", tags: [:a, :b] }, { name: "bob", tags: [] }], meta: { total: 2, next: nil } }
puts data.inspect
data.to_s == data.inspect
