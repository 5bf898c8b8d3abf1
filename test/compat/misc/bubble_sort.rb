def bubble(a)
  a = a.dup
  loop do
    swapped = false
    (a.size - 1).times do |i|
      if a[i] > a[i + 1]
        a[i], a[i + 1] = a[i + 1], a[i]
        swapped = true
      end
    end
    break unless swapped
  end
  a
end
bubble([5, 3, 8, 1, 9, 2])
