def caesar(str, shift)
  str.chars.map do |c|
    if c >= "a" && c <= "z"
      ((c.ord - 97 + shift) % 26 + 97).chr
    elsif c >= "A" && c <= "Z"
      ((c.ord - 65 + shift) % 26 + 65).chr
    else
      c
    end
  end.join
end
secret = caesar("Hello, World!", 3)
puts secret
caesar(secret, -3)
