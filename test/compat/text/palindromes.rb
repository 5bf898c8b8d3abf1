words = %w[level rotor ruby kayak banana noon civic]
pals = words.select { |w| w == w.reverse }
puts "palindromes: #{pals.join(', ')}"
pals.size
