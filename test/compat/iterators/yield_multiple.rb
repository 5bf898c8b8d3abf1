def pairs
  yield 1, :one
  yield 2, :two
end
out = []
pairs { |n, w| out << "#{n}=#{w}" }
pairs { |*all| out << all.size }
out
