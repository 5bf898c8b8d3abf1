e = RuntimeError.new("boom")
[e.message, e.full_message.include?("boom")]
