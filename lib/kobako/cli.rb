# frozen_string_literal: true

require "kobako"
require_relative "cli/arguments"
require_relative "cli/report"

module Kobako
  # `kobako`, the command line (docs/cli.md): runs a script in a Sandbox and
  # prints what it wrote and its value, or compiles one to RITE bytecode.
  # `CLI.new(argv, stdin:, stdout:, stderr:).run` returns the exit status, so
  # it is testable without a subprocess; exe/kobako only calls it.
  class CLI
    EXIT_OK = 0
    EXIT_SANDBOX = 1
    EXIT_USAGE = 2
    EXIT_TIMEOUT = 3
    EXIT_MEMORY = 4
    EXIT_TRAP = 5
    EXIT_SETUP = 6
    # Most specific class first.
    EXIT_CODES = [
      [TimeoutError, EXIT_TIMEOUT], [MemoryLimitError, EXIT_MEMORY], [TrapError, EXIT_TRAP],
      [SetupError, EXIT_SETUP], [Error, EXIT_SANDBOX]
    ].freeze

    def self.exit_code(error)
      return EXIT_OK if error.nil?

      EXIT_CODES.find { |klass, _| error.is_a?(klass) }.fetch(1)
    end

    def initialize(argv, stdin: $stdin, stdout: $stdout, stderr: $stderr)
      @argv = argv.dup
      @stdin = stdin
      @out = stdout
      @err = stderr
      @args = Arguments.new(stdout)
    end

    def run
      return compile(@args.parse_compile(@argv.drop(1))) if @argv.first == "compile"

      rest = @args.parse_run(@argv)
      rest ? execute(*script(rest)) : EXIT_OK
    rescue UsageError, OptionParser::ParseError => e
      @err.puts "kobako: #{e.message}", "Run `kobako --help` for usage."
      EXIT_USAGE
    end

    private

    # [source, the name backtraces show].
    def script(rest)
      if @args.code
        raise UsageError, "unexpected argument #{rest.first.inspect} after -e" unless rest.empty?

        return [@args.code, "-e"]
      end
      raise UsageError, "no script given (a FILE, - for stdin, or -e CODE)" if rest.empty?
      raise UsageError, "one script at a time, got #{rest.size}: #{rest.join(' ')}" if rest.size > 1

      rest.first == "-" ? [@stdin.read, "-"] : [read(rest.first), shown_name(rest.first)]
    end

    def read(path)
      File.binread(path)
    rescue SystemCallError => e
      raise UsageError, "cannot read #{path}: #{e.message.sub(/ @ \w+/, '')}"
    end

    # The path as given, made a valid guest file name (its last 255 bytes).
    def shown_name(path)
      name = path.b
      max = Source::MAX_FILENAME_BYTES
      name = name.byteslice(-max, max) if name.bytesize > max
      name.force_encoding(Encoding::UTF_8).scrub("?").gsub(/[[:cntrl:]]/, "?")
    end

    def execute(source, filename)
      sandbox = Sandbox.new(**@args.sandbox)
      value = error = nil
      begin
        value = sandbox.eval(source, filename: filename)
      rescue Error => e
        error = e
      end
      status = CLI.exit_code(error)
      Report.new(@out, @err, @args.mode).print(sandbox, value, error, status)
      status
    rescue ArgumentError => e # source that is not UTF-8
      raise UsageError, e.message
    rescue SetupError => e
      @err.puts "kobako: #{e.message} (#{e.class})"
      EXIT_SETUP
    end

    def compile(rest)
      raise UsageError, "compile takes one FILE, got #{rest.size}" unless rest.size == 1

      file = rest.first
      bytes = Bytecode.compile(read(file), name: @args.name || File.basename(file), debug: @args.debug)
      File.binwrite(@args.output || file.sub(/(\.rb)?\z/, ".mrb"), bytes)
      EXIT_OK
    rescue ArgumentError => e
      raise UsageError, e.message
    rescue Error => e
      @err.puts(Report.new(@out, @err, {}).error_text(e))
      CLI.exit_code(e)
    end
  end
end
