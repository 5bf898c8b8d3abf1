def configure(name, opts)
  [name, opts]
end
configure("db", host: "localhost", port: 5432)
