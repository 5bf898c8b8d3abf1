# frozen_string_literal: true

module KobakoBench
  # What the alternatives cost, measured in the same run: Debian's mruby.
  module BaselineRows
    module_function

    def rows
      mruby = ENV.fetch("KOBAKO_BENCH_MRUBY", "mruby")
      return [] unless system(mruby, "-e", "nil", out: File::NULL, err: File::NULL)

      [
        KobakoBench.time("baseline: native mruby 1M-iteration loop (process incl.)", samples: SMOKE ? 1 : 15) do
          system(mruby, "-e", ValueRows::LOOP, out: File::NULL)
        end,
        KobakoBench.time("baseline: spawn `mruby -e nil`", samples: SMOKE ? 2 : 50) { system(mruby, "-e", "nil") }
      ]
    end
  end
end
