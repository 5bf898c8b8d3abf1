config = { db: { user: "admin", port: 5432 } }
config => { db: { user:, port: } }
[user, port]
