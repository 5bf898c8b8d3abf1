names = App::Users.list.to_h { |u| [u[:id], u[:name]] }
App::Orders.recent(limit: 4).map { |o| "#{o['id']} by #{names[o['user_id']]}" }
