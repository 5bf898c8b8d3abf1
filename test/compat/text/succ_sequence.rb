id = "aa8"
ids = 5.times.map { id = id.succ }
ids
