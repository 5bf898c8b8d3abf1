def pluralize(n, word) = "#{n} #{n == 1 ? word : word + 's'}"
[0, 1, 2].flat_map { |n| [pluralize(n, "file"), pluralize(n, "error")] }
