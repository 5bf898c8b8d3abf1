sentence = "sandboxes keep untrusted code contained"
reversed = sentence.split.reverse.join(" ")
puts reversed
sentence.split.map(&:reverse).join(" ")
