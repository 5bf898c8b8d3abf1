logs = ["127.0.0.1 GET /index 200", "10.0.0.2 POST /login 401", "127.0.0.1 GET /about 200"]
parsed = logs.map { |l| l.match(/(?<ip>\S+) (?<verb>\w+) (?<path>\S+) (?<code>\d+)/).named_captures }
parsed.group_by { |r| r["code"] }.transform_values(&:size)
