require "json"
body = '{"status":"ok","items":[{"id":1,"price":9.5},{"id":2,"price":0.5}],"page":{"next":null}}'
resp = JSON.parse(body)
total = resp["items"].sum { |i| i["price"] }
puts "#{resp['status']}: #{resp['items'].size} items, total #{total}"
resp.dig("page", "next").nil?
