Result = Struct.new(:ok, :value, :error)
def safely
  Result.new(true, yield, nil)
rescue => e
  Result.new(false, nil, "#{e.class}: #{e.message}")
end
[safely { 1 + 1 }, safely { [].fetch(3) }, safely { Integer("zz") }].map(&:to_a)
