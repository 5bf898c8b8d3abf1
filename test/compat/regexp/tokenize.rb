src = "x = 3 + foo(42) * y"
src.scan(/\d+|[a-z_]\w*|[=+*()]/).map { |t| t =~ /\A\d/ ? [:num, t.to_i] : [:tok, t] }
