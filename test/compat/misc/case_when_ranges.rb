def bucket(n)
  case n
  when ...0 then :negative
  when 0 then :zero
  when 1..9 then :digit
  when Integer then :big
  end
end
[-5, 0, 7, 42].map { |n| bucket(n) }
