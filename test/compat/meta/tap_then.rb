[5.then { |x| x * 2 }, [1, 2].tap { |a| a.push(3) }, 10.yield_self { |x| x + 1 }]
