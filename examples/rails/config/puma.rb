# frozen_string_literal: true

# Cluster mode: the app (and, through Kobako::Railtie, the guest module) is
# loaded once in the master, then 2 workers fork; each worker builds its own
# Kobako.pool at its first request.
workers 2
threads 4, 4
preload_app!
bind "tcp://127.0.0.1:#{ENV.fetch('PORT', '3000')}"
