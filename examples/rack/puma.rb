# frozen_string_literal: true

# Puma in cluster mode, loading kobako (and compiling the guest) once in the
# master before forking.
workers 2
threads 2, 2
preload_app!
bind "tcp://127.0.0.1:#{ENV.fetch('PORT', '9292')}"
