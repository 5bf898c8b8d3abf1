def grade(n)
  case n
  in 90.. then "A"
  in 80...90 then "B"
  in Integer | Float => x if x >= 50 then "C"
  else "F"
  end
end
[95, 85, 60.5, 10].map { |n| grade(n) }
