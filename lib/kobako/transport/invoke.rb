# frozen_string_literal: true

module Kobako
  class Transport
    # The one call of a Service method (B-12) without a block, with
    # arguments already checked against its parameters.
    #
    # `method.call(*args, **kwargs)` copies args and kwargs: 3 Arrays and 2
    # Hashes per call on Ruby 3.1, a quarter of a Service call's allocations.
    # With no keywords and up to two arguments the call is spelled out
    # instead. It is the same call: Ruby 3 never turns a trailing positional
    # Hash into keywords, and decoded Hashes carry no ruby2_keywords flag.
    module Invoke
      module_function

      def call(method, args, kwargs)
        return method.call(*args, **kwargs) unless kwargs.empty?

        case args.size
        when 0 then method.call
        when 1 then method.call(args[0])
        when 2 then method.call(args[0], args[1])
        else method.call(*args)
        end
      end
    end
  end
end
