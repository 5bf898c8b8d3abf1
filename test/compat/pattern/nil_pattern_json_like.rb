payload = { user: { name: "ann", email: nil } }
case payload
in { user: { name: String => name, email: nil } }
  "#{name} has no email"
end
