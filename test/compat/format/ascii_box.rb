def box(lines)
  width = lines.map(&:size).max
  border = "+" + "-" * (width + 2) + "+"
  [border, *lines.map { |l| "| #{l.ljust(width)} |" }, border]
end
out = box(["kobako", "runs untrusted Ruby", "safely"])
puts out
out.size
