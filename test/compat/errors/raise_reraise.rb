log = []
begin
  begin
    raise TypeError, "inner"
  rescue TypeError => e
    log << "logged #{e.message}"
    raise
  end
rescue => e
  log << "outer got #{e.class}"
end
log
