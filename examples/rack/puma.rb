# frozen_string_literal: true

# Puma in cluster mode: with preload_app!, config.ru (kobako, and
# Kobako.warm!, which loads the guest module) runs once in the master before
# it forks the workers.
workers 2
threads 2, 2
preload_app!
bind "tcp://127.0.0.1:#{ENV.fetch('PORT', '9292')}"
