def maybe
  block_given? ? yield(10) : :no_block
end
[maybe, maybe { |x| x + 1 }]
