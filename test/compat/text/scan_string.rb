log = "ERROR disk full; WARN cpu hot; ERROR net down; INFO ok"
errors = log.scan("ERROR").size
puts "errors: #{errors}"
[log.index("WARN"), log.match?("INFO"), log.scan("ERROR")]
