def rot13(s) = s.tr("A-Za-z", "N-ZA-Mn-za-m")
enc = rot13("Why did the chicken cross the road?")
puts enc
rot13(enc)
