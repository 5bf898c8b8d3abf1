[[3, 1, 2].send(:sort_by) { |x| -x }, [1, 2, 3].public_send(:map) { |x| x + 1 }]
