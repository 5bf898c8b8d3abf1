people = [["ann", 31], ["bob", 19], ["cid", 45], ["dee", 27]]
people.min_by(2) { |_, age| age }.map(&:first)
