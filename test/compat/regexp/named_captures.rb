if (m = /(?<user>\w+)@(?<host>[\w.]+)/.match("contact: ann@example.com"))
  [m[:user], m[:host], m.names]
end
