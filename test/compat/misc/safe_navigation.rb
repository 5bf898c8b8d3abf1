users = [{ name: "ann", address: { city: "Oslo" } }, { name: "bob" }]
users.map { |u| u[:address]&.fetch(:city)&.upcase || "n/a" }
