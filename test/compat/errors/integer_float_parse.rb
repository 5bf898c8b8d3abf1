inputs = ["42", "0x1A", "3.5", "abc", "", "1_000"]
inputs.map do |s|
  Integer(s)
rescue ArgumentError
  Float(s, exception: false) || :bad
end
