def log_event(name, attrs) = "#{name}: #{attrs.map { |k, v| "#{k}=#{v}" }.join(' ')}"
def wrap(opts, &blk) = blk.call(opts)
handler = ->(event, data) { [event, data.keys] }
[log_event("login", user: "ann", ok: true), wrap(retries: 3) { |o| o[:retries] * 2 }, handler.call(:save, id: 1, force: false), send(:log_event, "x", a: 1)]
