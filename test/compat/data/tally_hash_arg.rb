counts = {}
%w[a b a].tally(counts)
%w[b c].tally(counts)
counts
