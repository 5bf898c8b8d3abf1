# frozen_string_literal: true

require "optparse"

module Kobako
  class CLI
    # A bad command line: exit status 2 with the message.
    class UsageError < StandardError; end

    # The command line's flags and values (docs/cli.md): `#parse_run` and
    # `#parse_compile` fill #sandbox (Sandbox options) and #mode.
    class Arguments
      SIZE_UNITS = { "" => 1, "K" => 1 << 10, "M" => 1 << 20, "G" => 1 << 30 }.freeze
      UNLIMITED = %w[none unlimited].freeze

      HELP_FOOTER = <<~TEXT
        Sizes: bytes, or with K, M, G (binary: 64M = 64 MiB); none for no limit.

        Exit status:
          0  the script ran
          1  the script raised, did not compile, or returned a value that cannot cross (SandboxError)
          2  bad command line, unreadable file, source that is not UTF-8
          3  the timeout fired (TimeoutError)
          4  the memory limit was hit (MemoryLimitError)
          5  any other trap (TrapError)
          6  the guest module is missing or unusable (SetupError)
      TEXT

      # "64M" → 67108864; "none" → nil.
      def self.size(text)
        return nil if UNLIMITED.include?(text.downcase)

        match = /\A(\d+)\s*([KMG]?)(?:i?B)?\z/i.match(text.strip)
        raise UsageError, "invalid size #{text.inspect} (expected e.g. 65536, 512K, 64M, 1G or none)" unless match

        value = Integer(match[1], 10) * SIZE_UNITS.fetch(match[2].upcase)
        raise UsageError, "size must be > 0, got #{text.inspect}" unless value.positive?

        value
      end

      def self.timeout(text)
        return nil if UNLIMITED.include?(text.downcase)

        Float(text).tap { |v| raise ArgumentError unless v.positive? && v.finite? }
      rescue ArgumentError
        raise UsageError, "invalid timeout #{text.inspect} (expected seconds > 0, e.g. 2 or 0.5, or none)"
      end

      attr_reader :sandbox, :mode, :code, :output, :name, :debug

      def initialize(out)
        @out = out
        @sandbox = {}
        @mode = { quiet: false, usage: false, json: false }
        @code = @output = @name = nil
        @debug = true
        @printed = false
      end

      # Parses a run's flags; the remaining arguments, or nil when --help or
      # --version printed something instead.
      def parse_run(argv)
        rest = run_parser.parse(argv)
        @printed ? nil : rest
      end

      def parse_compile(argv)
        compile_parser.parse(argv)
      end

      private

      def compile_parser
        OptionParser.new do |o|
          o.banner = "Usage: kobako compile FILE [-o OUT.mrb] [--name NAME] [--no-debug]"
          o.on("-o", "--output OUT", "Where to write the bytecode (default: FILE with .mrb)") { |v| @output = v }
          o.on("--name NAME", "File name its backtraces show (default: FILE's basename)") { |v| @name = v }
          o.on("--[no-]debug", "Keep line numbers in the bytecode (default: on)") { |v| @debug = v }
        end
      end

      def run_parser
        OptionParser.new do |o|
          o.banner = "Usage: kobako [options] FILE | - | -e CODE\n       " \
                     "kobako compile FILE [-o OUT.mrb] [--name NAME] [--no-debug]\n\n" \
                     "Runs an mruby script in a fresh kobako Sandbox; prints what it wrote, then its value."
          o.separator ""
          o.separator "Script:"
          o.on("-e", "--eval CODE", "Evaluate CODE (named -e in backtraces)") { |v| @code = v }
          o.separator "    FILE                             Evaluate the file; - reads stdin"
          sandbox_flags(o)
          output_flags(o)
          o.separator ""
          o.separator HELP_FOOTER
        end
      end

      def sandbox_flags(opts)
        opts.separator ""
        opts.separator "Sandbox:"
        opts.on("-t", "--timeout SECONDS", "Wall-clock limit (default 60)") do |v|
          @sandbox[:timeout] = self.class.timeout(v)
        end
        limit(opts, :memory_limit, "-m", "--memory-limit SIZE", "Guest memory limit (default 1M)")
        limit(opts, :stdout_limit, "--stdout-limit SIZE", "Captured stdout cap (default 1M)")
        limit(opts, :stderr_limit, "--stderr-limit SIZE", "Captured stderr cap (default 1M)")
        opts.on("--profile PROFILE", Options::PROFILES, "hermetic (default) or permissive") do |v|
          @sandbox[:profile] = v
        end
        opts.on("--gvl MODE", Options::GVL_MODES, "release (default) or hold the GVL") { |v| @sandbox[:gvl] = v }
      end

      def limit(opts, key, *flags)
        opts.on(*flags) { |v| @sandbox[key] = self.class.size(v) }
      end

      def output_flags(opts)
        opts.separator ""
        opts.separator "Output:"
        opts.on("-q", "--quiet", "Do not print the value") { @mode[:quiet] = true }
        opts.on("-u", "--usage", "Print wall time, memory peak, Service calls to stderr") { @mode[:usage] = true }
        opts.on("--json", "Print one JSON object (value, stdout, stderr, usage, error)") { @mode[:json] = true }
        opts.on("-h", "--help", "Show this help") { print_and_stop(opts) }
        opts.on("-v", "--version", "Show kobako's version") { print_and_stop("kobako #{VERSION}") }
      end

      def print_and_stop(text)
        @out.puts(text)
        @printed = true
      end
    end
  end
end
