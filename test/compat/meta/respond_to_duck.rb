things = [1, "str", [1, 2], { a: 1 }, nil, :sym]
things.map { |t| [t.class.name, t.respond_to?(:each), t.respond_to?(:upcase)] }
