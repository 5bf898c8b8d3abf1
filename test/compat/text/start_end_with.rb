files = %w[app.rb test_app.rb README.md Rakefile lib.rb notes.txt]
ruby = files.select { |f| f.end_with?(".rb") }
tests = ruby.select { |f| f.start_with?("test_") }
puts ruby.inspect
[ruby.size, tests]
