methods = %i[save save! valid? to_s to_h each_slice]
[methods.select { |m| m.end_with?("!", "?") }, methods.select { |m| m.start_with?("to_") }, :abc.start_with?("b")]
