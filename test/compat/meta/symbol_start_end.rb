[:user_id.start_with?("user"), :user_id.end_with?("_id"), :name.start_with?("x", "n"), %i[a_x b_y a_z].select { |s| s.start_with?("a_") }]
