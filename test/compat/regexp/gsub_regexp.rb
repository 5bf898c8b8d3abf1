"hello   world  again".gsub(/\s+/, " ")
