para = "Ruby is fun. Is it fast? It can be! Let's see."
sentences = para.split(/[.?!]/).map(&:strip).reject(&:empty?)
sentences.size
