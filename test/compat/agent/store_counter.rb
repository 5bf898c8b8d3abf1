3.times { App::Store.incr("count") }
App::Store.incr("count", by: 10)
App::Store.set("last", "done")
[App::Store.get("count"), App::Store.keys]
