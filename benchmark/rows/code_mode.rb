# frozen_string_literal: true

module KobakoBench
  # "Code mode": what an agent's script typically does — 20 Service calls
  # with small Hash arguments and results, a select/map over the results and
  # a formatted String out — in the sandbox, against the same script run by
  # CRuby in this process calling the same object bound as a constant. The
  # ratio is the overhead a user pays for the sandbox.
  module CodeModeRows
    SCRIPT = <<~RUBY
      rows = (1..20).map { |id| Shop::Catalog.item({ "id" => id, "fields" => ["name", "price", "stock"] }) }
      cheap = rows.select { |row| row["price"] < 120 && row["stock"] > 0 }
      lines = cheap.map { |row| format("%-10s %6.2f (%d left)", row["name"], row["price"] / 10.0, row["stock"]) }
      "\#{cheap.size} of \#{rows.size} in stock under 12.00:\\n" + lines.join("\\n")
    RUBY

    # The host object both runs call.
    class Catalog
      def item(query)
        id = query.fetch("id")
        { "id" => id, "name" => "item-#{id}", "price" => id * 9, "stock" => id % 4, "fields" => query["fields"].size }
      end
    end

    module Shop
      Catalog = CodeModeRows::Catalog.new
    end

    # The script compiled once into a lambda, `Shop::Catalog` resolving to the constant above.
    NATIVE = module_eval(["-> {", SCRIPT, "}"].join("\n"), __FILE__, __LINE__)

    module_function

    def rows
      sb = Kobako::Sandbox.new(memory_limit: 16 << 20)
      sb.define(:Shop).bind(:Catalog, Shop::Catalog)
      raise "code mode: the sandbox and CRuby disagree" unless sb.eval(SCRIPT) == NATIVE.call

      rows = KobakoBench.interleaved({
                                       "code mode: 20 Service calls + select/map + format" => -> { sb.eval(SCRIPT) },
                                       "baseline: the same script in CRuby, same objects" => NATIVE
                                     }, samples: KobakoBench.few * 3, block: 10)
      rows << KobakoBench.derived("code mode overhead, kobako / CRuby (x)", "ratio", *rows) { |k, n| k / n }
    end
  end
end
