begin
  case 5
  in String then :str
  end
rescue NoMatchingPatternError => e
  e.class
end
