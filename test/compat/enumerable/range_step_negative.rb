(10..1).step(-3).to_a
