devs = App::Users.search(role: "dev")
active = devs.select { |u| u[:active] }
puts "#{active.size} of #{devs.size} devs active"
active.map { |u| u[:email] }
