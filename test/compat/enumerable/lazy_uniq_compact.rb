[1, nil, 2, 2, nil, 3, 1, 4].lazy.compact.uniq.first(3)
