Config = Struct.new(:host, :port, keyword_init: true)
c = Config.new(host: "localhost", port: 8080)
[c.host, c.port, c.to_h]
