def hms(total)
  h, rest = total.divmod(3600)
  m, s = rest.divmod(60)
  format("%02d:%02d:%02d", h, m, s)
end
[0, 61, 3599, 3600, 45_296].map { |t| hms(t) }
