errs = []
[[TypeError, "wrong type"], [KeyError, "no key"], [ZeroDivisionError, "div"]].each do |klass, msg|
  raise klass, msg
rescue => e
  errs << [e.class.name, e.message, e.is_a?(StandardError)]
end
errs
