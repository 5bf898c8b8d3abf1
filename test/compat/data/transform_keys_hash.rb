row = { "first_name" => "Ada", "last_name" => "Lovelace", "born" => 1815 }
mapped = row.transform_keys("first_name" => :first, "last_name" => :last)
[mapped, row.transform_keys(&:to_sym).keys]
