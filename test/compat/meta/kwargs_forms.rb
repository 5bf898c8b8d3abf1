def connect(host, port: 80, **rest) = [host, port, rest]
opts = { port: 8080, tls: true }
[connect("a"), connect("b", port: 1), connect("c", **opts), connect("d", tls: false)]
