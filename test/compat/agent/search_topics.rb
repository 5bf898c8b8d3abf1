hits = App::Search.query("ruby")
hits.each { |h| puts "[#{h['topic']}] #{h['text']}" }
hits.map { |h| h["topic"] }.uniq
