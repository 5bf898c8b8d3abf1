case [1, 42, "x", :y, 99]
in [*, String => s, Symbol => sym, *]
  [s, sym]
end
