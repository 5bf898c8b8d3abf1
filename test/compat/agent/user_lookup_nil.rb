ids = [1, 9, 4]
ids.map { |id| App::Users.find(id)&.fetch(:name) || "unknown ##{id}" }
