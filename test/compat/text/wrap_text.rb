def wrap(text, width)
  lines = [+""]
  text.split.each do |word|
    if (lines.last + " " + word).strip.length > width
      lines << word.dup
    else
      lines.last << " " unless lines.last.empty?
      lines.last << word
    end
  end
  lines
end
wrapped = wrap("The quick brown fox jumps over the lazy dog and keeps running far away", 20)
puts wrapped
wrapped.size
