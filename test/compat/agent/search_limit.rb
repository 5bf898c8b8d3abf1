all = App::Search.topics.flat_map { |t| App::Search.query(t, limit: 1) }
all.map { |h| h["text"].split.first }
