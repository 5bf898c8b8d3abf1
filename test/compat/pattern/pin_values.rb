expected = 200
responses = [{ code: 200, body: "ok" }, { code: 404, body: "nf" }]
responses.map do |r|
  case r
  in { code: ^expected, body: } then body
  in { code: } then "error #{code}"
  end
end
