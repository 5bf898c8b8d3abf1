s = "The year 1999 and 2026"
[s.index(/\d/), s[/\d+/], s.slice(/\d+\z/), s.rindex(/\d{4}/)]
