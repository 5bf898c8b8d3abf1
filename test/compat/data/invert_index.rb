docs = { 1 => "ruby wasm sandbox", 2 => "ruby gems", 3 => "wasm runtime" }
index = Hash.new { |h, k| h[k] = [] }
docs.each { |id, text| text.split.each { |w| index[w] << id } }
index.sort.to_h
