codes = { "ok" => 200, "missing" => 404, "boom" => 500 }
[codes.assoc("missing"), codes.rassoc(500), codes.assoc("nope"), codes.key(200), codes.invert[404]]
