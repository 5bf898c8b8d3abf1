def ordinal(n)
  suffix = if (11..13).include?(n % 100) then "th"
           else { 1 => "st", 2 => "nd", 3 => "rd" }.fetch(n % 10, "th")
           end
  "#{n}#{suffix}"
end
[1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map { |n| ordinal(n) }
