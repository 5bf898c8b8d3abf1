sentence = "Programming in Ruby is delightful"
vowels = sentence.downcase.count("aeiou")
consonants = sentence.downcase.count("a-z") - vowels
puts "vowels=#{vowels} consonants=#{consonants}"
[vowels, consonants]
