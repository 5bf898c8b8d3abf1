config = { "db" => { "primary" => { "host" => "localhost", "port" => 5432 } }, "cache" => nil }
host = config.dig("db", "primary", "host")
missing = config.dig("db", "replica", "host")
[host, missing, config.dig("cache")]
