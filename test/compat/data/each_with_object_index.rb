users = [["u1", "admin"], ["u2", "dev"], ["u3", "dev"]]
by_role = users.each_with_object(Hash.new { |h, k| h[k] = [] }) { |(id, role), acc| acc[role] << id }
by_role
