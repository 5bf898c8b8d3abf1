# frozen_string_literal: true

module Kobako
  module Policy
    # Caches Policy.definition_allowed? per (owner, name, original name): a
    # Service call then pays two Hash lookups instead of the surface checks
    # (docs/security.md, "Cost"). The whole cache is dropped whenever Ruby
    # creates a class or module or mixes one in (RubyVM.stat(:class_serial)
    # moves), which covers a module mixed into Object or Kernel after the
    # verdict was cached. Ruby 3.2 dropped that counter; there the key is the
    # ancestry of Object (which holds Kernel, BasicObject and every module
    # mixed into them), so a mixin still drops the cache. Methods answered by
    # method_missing are never cached: whether they are real can change
    # without a new class.
    module Verdicts
      SERIAL = if RubyVM.stat.key?(:class_serial)
                 -> { RubyVM.stat(:class_serial) }
               else
                 -> { Object.ancestors.hash }
               end
      private_constant :SERIAL

      @serial = nil
      @table = {}.compare_by_identity
      @lock = Mutex.new

      module_function

      # What the cached verdicts were judged against; it moves whenever the
      # surface may have (Transport::Resolutions keys its entries on it too).
      def serial = SERIAL.call

      def fetch(method)
        return yield if Surface.missing?(method)

        serial = SERIAL.call
        by_name = current(serial)[method.owner] ||= {}
        cached = by_name[method.name]
        return cached[1] if cached && cached[0] == method.original_name

        verdict = yield ? true : false
        by_name[method.name] = [method.original_name, verdict].freeze
        verdict
      end

      def current(serial)
        return @table if @serial == serial

        @lock.synchronize do
          unless @serial == serial
            @table = {}.compare_by_identity
            @serial = serial
          end
        end
        @table
      end

      def clear
        @lock.synchronize { @serial = nil }
      end
    end
  end
end
