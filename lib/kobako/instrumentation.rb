# frozen_string_literal: true

module Kobako
  # ActiveSupport::Notifications events for every invocation, published only
  # when ActiveSupport is loaded and someone subscribed (docs/rails.md):
  #
  #   ActiveSupport::Notifications.subscribe("eval.kobako") do |event|
  #     event.payload # => { filename: "tool.rb", usage: #<Kobako::Usage ...>, error: nil, ... }
  #   end
  #
  # Without ActiveSupport an invocation pays one `defined?` check, nothing
  # more; kobako never loads ActiveSupport itself.
  module Instrumentation
    EVAL = "eval.kobako"
    RUN = "run.kobako"

    module_function

    # Whether +event+ has a subscriber right now. Cheap on purpose: it runs
    # before every invocation.
    def listening?(event)
      return false unless defined?(::ActiveSupport::Notifications)

      ::ActiveSupport::Notifications.notifier.listening?(event)
    end

    # Runs the block, published as +event+ when someone listens. The payload
    # is `{sandbox:, <key>: value, usage:, error:}`: the invocation's usage
    # and, when it raised, the error's class name (ActiveSupport adds
    # :exception and :exception_object itself). Nothing is allocated when
    # nobody listens.
    def wrap(event, sandbox, key, value)
      return yield unless listening?(event)

      payload = { sandbox: sandbox, key => value, usage: nil, error: nil }
      ::ActiveSupport::Notifications.instrument(event, payload) do
        yield
      rescue Exception => e # rubocop:disable Lint/RescueException -- recorded, then re-raised untouched
        payload[:error] = e.class.name
        raise
      ensure
        payload[:usage] = sandbox.usage
      end
    end
  end
end
