g = App::Store.get("greeting")
App::Store.set("greeting", g.capitalize + ", world")
puts App::Store.get("greeting")
App::Store.get("missing").nil?
