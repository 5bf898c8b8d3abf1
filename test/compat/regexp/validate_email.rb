emails = %w[ann@example.com bad@ no-at-sign x@y.z]
emails.select { |e| e.match?(/\A[^@\s]+@[^@\s]+\.[a-z]+\z/i) }
