def shape(a)
  case a
  in [] then :empty
  in [x] then [:one, x]
  in [x, *rest] if rest.size > 2 then [:many, x]
  in [x, y, *] then [:some, x, y]
  end
end
[shape([]), shape([1]), shape([1, 2]), shape([1, 2, 3, 4])]
