"a, b;c  d".split(/[,;\s]+/)
