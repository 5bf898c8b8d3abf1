temps = { mon: 21, tue: 25, wed: 19, thu: 28, fri: 23 }
warm = temps.select { |_, t| t > 22 }
[warm.keys, temps.min_by { |_, t| t }.first, temps.sum { |_, t| t } / temps.size]
