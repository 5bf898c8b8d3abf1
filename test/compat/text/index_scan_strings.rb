s = "the cat sat on the mat"
[s.index("the"), s.index("the", 1), s.rindex("at"), s.scan("at"), s.match?("mat"), s.match?("dog"), "aaaa".scan("aa")]
