cfg = Object.new
{ env: "test", debug: false }.each { |k, v| cfg.define_singleton_method(k) { v } }
[cfg.env, cfg.debug, cfg.singleton_methods.sort]
