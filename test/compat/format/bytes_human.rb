def human(bytes)
  units = %w[B KB MB GB TB]
  i = 0
  size = bytes.to_f
  while size >= 1024 && i < units.size - 1
    size /= 1024
    i += 1
  end
  i.zero? ? "#{bytes} B" : format("%.1f %s", size, units[i])
end
[0, 512, 2048, 1_500_000, 3 * 1024**3].map { |b| human(b) }
