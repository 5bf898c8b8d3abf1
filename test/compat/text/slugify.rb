def slug(title)
  title.downcase.chars.map { |c| ("a".."z").include?(c) || ("0".."9").include?(c) ? c : "-" }.join.squeeze("-").delete_prefix("-").delete_suffix("-")
end
["Hello World!", "  Ruby 3.1 -- released ", "What's new?"].map { |t| slug(t) }
