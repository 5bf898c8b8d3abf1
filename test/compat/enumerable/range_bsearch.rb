squares = (0..100)
[squares.bsearch { |x| x * x >= 50 }, (1..1000).bsearch { |x| x >= 777 }, [1, 3, 5, 7].bsearch { |x| x >= 4 }]
