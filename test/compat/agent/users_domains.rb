domains = App::Users.list.map { |u| u[:email].split("@").last }.tally
domains.sort.to_h
