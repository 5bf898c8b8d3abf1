def check(n)
  out = []
  begin
    out << Integer(n)
  rescue ArgumentError
    out << :invalid
  else
    out << :ok
  ensure
    out << :done
  end
  out
end
[check("12"), check("x1")]
