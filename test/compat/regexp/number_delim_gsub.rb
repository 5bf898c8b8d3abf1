"1234567".reverse.gsub(/(\d{3})(?=\d)/, '\1,').reverse
