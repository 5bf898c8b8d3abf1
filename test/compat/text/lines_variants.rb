s = "one\ntwo\r\nthree"
[s.lines, s.lines(chomp: true), s.each_line.to_a.size, "a,b,c".lines(","), "a--b--".lines("--", chomp: true), "".lines]
