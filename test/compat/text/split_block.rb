parts = []
"alpha,beta,gamma".split(",") { |p| parts << p.upcase }
parts
