line = "ERROR 2026: disk"
[line =~ /\d+/, $~[0], line !~ /warn/i]
