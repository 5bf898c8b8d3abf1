template = "cat hat bat"
template.gsub("a", "a" => "4")
