ROMAN = { 1000 => "M", 900 => "CM", 500 => "D", 400 => "CD", 100 => "C", 90 => "XC", 50 => "L", 40 => "XL", 10 => "X", 9 => "IX", 5 => "V", 4 => "IV", 1 => "I" }.freeze
def roman(n) = ROMAN.reduce(+"") { |s, (v, r)| c, n = n.divmod(v); s << r * c }
[1994, 2026, 4, 3999].map { |n| roman(n) }
