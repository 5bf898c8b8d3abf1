def bsearch(arr, target)
  lo, hi = 0, arr.size - 1
  while lo <= hi
    mid = (lo + hi) / 2
    case arr[mid] <=> target
    when 0 then return mid
    when -1 then lo = mid + 1
    else hi = mid - 1
    end
  end
  nil
end
arr = [1, 4, 9, 16, 25, 36, 49]
[bsearch(arr, 25), bsearch(arr, 5), arr.bsearch_index { |x| x >= 16 }]
