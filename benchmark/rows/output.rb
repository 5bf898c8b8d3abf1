# frozen_string_literal: true

module KobakoBench
  # Printing: many small `puts`, against Debian's native mruby doing the same
  # (docs/native.md, "Output": the guest buffers, the host drains).
  module OutputRows
    PUTS = 'line = "x" * 39; i = 0; while i < 100_000; puts line; i += 1; end'

    module_function

    def rows
      mruby = ENV.fetch("KOBAKO_BENCH_MRUBY", "mruby")
      sb = Kobako::Sandbox.new(timeout: nil, memory_limit: 64 << 20, stdout_limit: 8 << 20)
      works = { "puts 40-byte line x100k" => -> { sb.eval(PUTS) } }
      if system(mruby, "-e", "nil", out: File::NULL, err: File::NULL)
        works["baseline: native mruby puts 40-byte line x100k (process incl.)"] =
          -> { system(mruby, "-e", PUTS, out: File::NULL) }
      end
      rows = KobakoBench.interleaved(works, samples: SMOKE ? 1 : 15, block: SMOKE ? 1 : 3)
      return rows unless rows.size == 2

      rows << KobakoBench.derived("puts x100k, kobako / native mruby (x)", "ratio", *rows) { |k, n| k / n }
    end
  end
end
