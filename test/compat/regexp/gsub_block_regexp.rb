"price: 10 USD, 25 USD".gsub(/(\d+) USD/) { "#{$1.to_i * 2} EUR" }
