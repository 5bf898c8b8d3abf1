# frozen_string_literal: true

module KobakoBench
  # Per-invocation costs: construction, one invocation, the floor under it,
  # and snippet replay with #run.
  module InvocationRows
    module_function

    def rows
      core + snippets
    end

    def core
      warm = Kobako::Sandbox.new
      artifact = Kobako::Artifact.load(Kobako::Sandbox::DEFAULT_WASM_PATH)
      KobakoBench.interleaved({
                                "Sandbox.new" => -> { Kobako::Sandbox.new },
                                "warm #eval(\"nil\")" => -> { warm.eval("nil") },
                                "Sandbox.new.eval(\"nil\")" => -> { Kobako::Sandbox.new.eval("nil") },
                                "floor: fresh instance + trivial export" => -> { artifact.floor_probe }
                              })
    end

    # A typical helper snippet: a module with a few methods, a class, a constant.
    def helper(index)
      <<~RUBY
        module Helper#{index}
          LIMIT = #{index} * 10
          def self.fmt(x) = format("%05d", x)
          def self.sum(xs) = xs.inject(0) { |a, b| a + b }
          class Box
            def initialize(v) = @v = v
            def get = @v
          end
        end
      RUBY
    end

    def with_snippets(count)
      sandbox = Kobako::Sandbox.new
      count.times { |i| sandbox.preload(code: helper(i), name: :"Helper#{i}") }
      sandbox.preload(code: "Noop = -> {}", name: :Noop)
    end

    # #run(:Noop) with 0, 8 and 64 helper snippets replayed before it, and the
    # same 8 helpers evaluated from source (what replay would cost if the
    # bytecode made at #preload were not kept).
    def snippets
      plain = Kobako::Sandbox.new
      source = "#{(0...8).map { |i| helper(i) }.join("\n")}\nnil"
      works = [0, 8, 64].to_h do |count|
        sandbox = with_snippets(count)
        ["#run(:Noop) with #{count} helper snippets", -> { sandbox.run(:Noop) }]
      end
      works["same-run baseline: warm #eval(\"nil\")"] = -> { plain.eval("nil") }
      works["eval of the 8 helpers' source + nil (no preload)"] = -> { plain.eval(source) }
      rows = KobakoBench.interleaved(works)
      rows << KobakoBench.derived("snippet replay, per snippet ((64-snippet run - 0-snippet run) / 64)", "us",
                                  rows[2], rows[0]) { |a, b| (a - b) / 64 }
    end
  end
end
