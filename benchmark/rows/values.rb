# frozen_string_literal: true

module KobakoBench
  # Values crossing the boundary, and raw interpreter speed.
  module ValueRows
    LOOP = "i = 0; s = 0; while i < 1_000_000; s += i; i += 1; end; s"

    module_function

    def rows
      big = Kobako::Sandbox.new(memory_limit: 256 << 20)
      strings = { "64 B" => 64, "64 KiB" => 64 << 10, "1 MiB" => 1 << 20 }.map do |label, size|
        source = format("'x' * %<size>d", size: size)
        KobakoBench.time("String round trip #{label}", samples: KobakoBench.few) { big.eval(source) }
      end
      strings + [
        KobakoBench.time("depth-64 nesting round trip") { big.eval("a = nil; 64.times { a = [a] }; a") },
        KobakoBench.time("1M-iteration loop", samples: SMOKE ? 1 : 15) { big.eval(LOOP) }
      ]
    end
  end
end
