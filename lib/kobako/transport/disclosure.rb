# frozen_string_literal: true

module Kobako
  class Transport
    # What the guest learns of an exception a Service raised: its class name
    # and a message that carries nothing of the host beyond what the Service
    # put there itself (docs/security.md, "Errors that cross"). Left out:
    # the receiver's #inspect in NameError texts (on Ruby 3.1 it shows every
    # instance variable), error_highlight's copy of the host source line,
    # did_you_mean's suggestions (other host names), Errno's file paths, any
    # `#<…>` inspect fragment and any absolute path. The host keeps the
    # exception itself (Transport#failure, the host ServiceError's `cause`).
    module Disclosure
      # Long enough for any honest message; the rest is noise or a dump.
      MAX_MESSAGE = 1024
      RAW_TO_S = Exception.instance_method(:to_s)
      CLASS_OF = Kernel.instance_method(:class)
      NAME_KINDS = ["undefined local variable or method", "private method", "protected method"].freeze
      # `#<Account:0x… @api_key="…">`: innermost first, each replaced by a
      # bracket-free mark so the one around it matches on the next pass.
      INSPECT = /#<([A-Z]\w*(?:::[A-Z]\w*)*)?[^<>]*>/
      MARK = /\u0001([^\u0001\u0002]*)\u0002/
      # Deeper inspect nesting than this is cut whole (the rest of the text).
      MAX_NESTING = 4
      # A run of characters that could be one path; each is then judged by
      # anchored patterns, so scrubbing stays linear in the text.
      TOKEN = /[^\s'"`,;()\[\]{}<>]++/
      # /home/app/lib/x.rb:12, /etc/secrets/key.pem, C:\app\x.rb…
      ABSOLUTE = %r{\A(?:[A-Za-z]:\\|/)[^/\\]*+[/\\]}
      # …and relative source paths such as app/models/user.rb:3.
      RELATIVE = %r{\A[\w.-]*+/.*\.(?:rb|erb|rake|ru|yml|yaml|so)(?::\d+)*+(?::in)?\z}

      module_function

      # "HostClass: message" as the guest sees it.
      def describe(error)
        message = message_of(error)
        name = class_name(CLASS_OF.bind_call(error))
        message.empty? ? name : "#{name}: #{message}"
      end

      def message_of(error)
        text = case error
               when NameError then name_error(error)
               when SystemCallError then SystemCallError.new(nil, error.errno).message
               else own_text(error)
               end
        scrub(text)
      rescue StandardError
        ""
      end

      # `undefined method 'x' for an instance of Account`, rebuilt from the
      # error's fields instead of its text.
      def name_error(error)
        raw = RAW_TO_S.bind_call(error).to_s
        return raw.lines.first.to_s.chomp if raw.start_with?("uninitialized constant")

        kind = NAME_KINDS.find { |k| raw.start_with?(k) } || "undefined method"
        verb = kind.start_with?("undefined") ? "for" : "called for"
        "#{kind} '#{error.name}' #{verb} #{receiver(error)}"
      end

      def receiver(error)
        object = error.receiver
        case object
        when nil, true, false then object.inspect
        when Module then "#{object.is_a?(Class) ? 'class' : 'module'} #{class_name(object)}"
        else "an instance of #{class_name(CLASS_OF.bind_call(object))}"
        end
      rescue ArgumentError
        "an object"
      end

      # The message as the exception class itself words it, without what
      # did_you_mean and error_highlight add to #message.
      def own_text(error)
        if (custom = error.method(:message).owner) < Exception && !instrumentation?(custom)
          error.message.to_s
        else
          RAW_TO_S.bind_call(error).to_s
        end
      rescue StandardError
        RAW_TO_S.bind_call(error).to_s
      end

      def instrumentation?(owner)
        name = owner.name.to_s
        name.start_with?("DidYouMean", "ErrorHighlight")
      end

      # Cut first: every pass below is then linear in a bounded text, whatever
      # a Service put in its message.
      def scrub(text)
        text = text.byteslice(0, MAX_MESSAGE * 2).force_encoding(Encoding::UTF_8).scrub("?")
        MAX_NESTING.times do
          break unless text.match?(INSPECT)

          text = text.gsub(INSPECT) { "\u0001#{Regexp.last_match(1) || 'object'}\u0002" }
        end
        text = text.sub(/#<.*/m, "#<…>").gsub(MARK) { "#<#{Regexp.last_match(1)}>" }
        text = text.gsub(TOKEN) { |token| path?(token) ? "(host path)" : token }
        text.size > MAX_MESSAGE ? "#{text[0, MAX_MESSAGE]}…" : text
      end

      def path?(token)
        token.include?("/") || token.include?("\\") ? ABSOLUTE.match?(token) || RELATIVE.match?(token) : false
      end

      def class_name(klass)
        klass.name || "an anonymous class"
      end
    end
  end
end
