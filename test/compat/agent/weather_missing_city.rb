begin
  App::Weather.forecast("Atlantis")
rescue KeyError => e
  "no data: #{e.message}"
end
