name = "kobako"
version = "0.1"
banner = <<~EOS
  #{name.upcase} v#{version}
  #{'=' * (name.size + version.size + 2)}
EOS
print banner
banner.lines.size
