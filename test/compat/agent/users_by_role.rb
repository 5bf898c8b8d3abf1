by_role = App::Users.list.group_by { |u| u[:role] }.transform_values { |us| us.map { |u| u[:name].split.first } }
by_role.each { |role, names| puts "#{role}: #{names.join(', ')}" }
by_role.keys.sort
