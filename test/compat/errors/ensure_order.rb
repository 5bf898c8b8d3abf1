log = []
def risky(log)
  log << :start
  yield
  log << :after
ensure
  log << :ensure
end
begin
  risky(log) { raise ArgumentError, "bad" }
rescue ArgumentError => e
  log << e.message
end
risky(log) { log << :body }
log
