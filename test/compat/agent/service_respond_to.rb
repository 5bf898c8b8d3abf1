[App::Store.respond_to?(:get), App::Store.respond_to?(:no_such_method)]
