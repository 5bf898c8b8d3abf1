# frozen_string_literal: true

require_relative "mutator"
require_relative "seeds"
require_relative "targets"

module Kobako
  module Fuzz
    # Runs seeded, deterministic fuzzing of every host reader of guest bytes
    # and of preload(binary:). A failure names the seed, the target and the
    # input (hex), so it can be replayed and kept in test/fuzz/corpus/.
    class Runner
      Finding = Struct.new(:target, :input, :error) do
        def to_s = "#{target}: #{error.class}: #{error.message[0, 300]}\n  input (hex): #{input.unpack1('H*')[0, 400]}"
      end

      CORPUS = File.join(__dir__, "corpus")

      attr_reader :seed, :findings, :counts

      def initialize(seed)
        @seed = seed
        @random = Random.new(seed)
        @mutator = Mutator.new(@random)
        @findings = []
        @counts = Hash.new(0)
      end

      # +per_target+ mutated inputs for each reader of guest bytes.
      def run_bytes(per_target)
        seeds = Seeds.new(@random)
        pools = { Targets::Decode => seeds.plain, Targets::Outcome => seeds.outcomes,
                  Targets::Request => seeds.requests, Targets::YieldReply => seeds.yield_replies }
        everything = pools.values.flatten
        pools.each do |klass, pool|
          target = klass.new
          per_target.times do
            exercise(target, @mutator.mutate(pool[@random.rand(pool.size)], everything))
          end
        end
        self
      end

      # +count+ mutations of real bytecode from Kobako::Bytecode.compile,
      # each through a real Sandbox.
      def run_preload(count)
        sources = ["FuzzMarker = [1, :a, 'b', 2**70].map { |x| x }", "def f(x) = x * 2\nFuzzMarker = f(21)",
                   "FuzzMarker = { a: 1 }.each_with_object([]) { |(k, v), acc| acc << k << v }"]
        binaries = sources.map { |src| Bytecode.compile(src, name: :fuzz) }
        target = Targets::Preload.new
        count.times do
          bytes = @mutator.mutate(binaries[@random.rand(binaries.size)], binaries)
          exercise(target, @random.rand(4).zero? ? bytes : with_true_size(bytes))
        end
        self
      end

      # Most mutations change the length, which the host's header check
      # refuses before any guest runs: rewriting the RITE header's size
      # field (bytes 8..11) sends them on to the guest's verifier.
      def with_true_size(bytes)
        return bytes if bytes.bytesize < 12

        bytes.byteslice(0, 8) + [bytes.bytesize].pack("N") + bytes.byteslice(12..)
      end

      # Every corpus file through every reader of guest bytes.
      def replay_corpus
        targets = Targets::BYTES.map(&:new)
        Dir[File.join(CORPUS, "*.bin")].each do |path|
          bytes = File.binread(path)
          targets.each { |target| exercise(target, bytes) }
        end
        self
      end

      private

      def exercise(target, bytes)
        @counts[target.name] += 1
        target.call(bytes)
      rescue Exception => e # rubocop:disable Lint/RescueException -- NoMemoryError, SystemStackError: findings too
        raise if e.is_a?(Interrupt)

        @findings << Finding.new(target.name, bytes, e)
      end
    end
  end
end
