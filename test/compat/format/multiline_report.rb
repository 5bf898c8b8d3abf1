data = { "cpu" => [12, 40, 33], "mem" => [512, 610, 590], "disk" => [70, 70, 71] }
report = data.map do |metric, xs|
  "#{metric.ljust(5)} min=#{xs.min.to_s.rjust(4)} max=#{xs.max.to_s.rjust(4)} avg=#{(xs.sum / xs.size).to_s.rjust(4)}"
end
puts report
report.size
