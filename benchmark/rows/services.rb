# frozen_string_literal: true

module KobakoBench
  # Guest → host Service calls and host → guest yields.
  module ServiceRows
    CALLS = "i = 0; while i < 1000; B::Echo.call(i); i += 1; end"

    # A host object for the Service rows.
    class Echo
      def call(value) = value
      def each(count, &) = count.times(&)
    end

    module_function

    def sandbox(gvl: :release)
      sb = Kobako::Sandbox.new(timeout: nil, memory_limit: 64 << 20, gvl: gvl)
      sb.define(:B).bind(:Echo, Echo.new)
      sb
    end

    def rows
      svc = sandbox
      hold = sandbox(gvl: :hold)
      few = KobakoBench.few
      [
        KobakoBench.time("one Service call (eval)") { svc.eval("B::Echo.call(1)") },
        *KobakoBench.interleaved({
                                   "Service call, amortized over 1000" => -> { svc.eval(CALLS) },
                                   "Service call, amortized over 1000, gvl: :hold" => -> { hold.eval(CALLS) }
                                 }, samples: few, per: 1000, block: 5),
        KobakoBench.time("one yield (eval)") { svc.eval("B::Echo.each(1) { |i| i }") },
        KobakoBench.time("yield, amortized over 1000", samples: few, per: 1000) do
          svc.eval("B::Echo.each(1000) { |i| i }")
        end
      ]
    end
  end
end
