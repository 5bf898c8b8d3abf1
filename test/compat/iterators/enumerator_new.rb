squares = Enumerator.new do |y|
  n = 1
  loop do
    y << n * n
    n += 1
  end
end
[squares.take(5), squares.first, squares.lazy.select(&:even?).first(2)]
