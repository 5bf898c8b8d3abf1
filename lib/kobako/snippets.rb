# frozen_string_literal: true

module Kobako
  # The code a Sandbox replays, in insertion order, at the start of every
  # invocation (docs/behaviours.md §2.3, B-31). Each entry is RITE bytecode: source snippets
  # are compiled once, at #preload, so replay never parses (docs/snippets.md).
  class Snippets
    def initialize
      @entries = []
      @labels = {}
    end

    def empty?
      @entries.empty?
    end

    # A named source snippet; the block compiles `(source, file name)` with
    # the guest's compiler (raising SandboxError on a syntax error). The
    # result is trusted: it is not re-verified at replay.
    def add_source(name, code)
      label = Catalog.constant_name(name, "snippet name")
      check_unique!(label)
      add(label, yield(Source.utf8(code), "(snippet:#{label})"), verify: false)
    end

    # Bytecode from the host: verified by the guest at every replay, so a bad
    # binary fails each invocation the same way (docs/behaviours.md §2.3).
    def add_binary(name, bytecode)
      raise TypeError, "binary: must be a String of RITE bytecode, got #{bytecode.class}" unless bytecode.is_a?(String)

      label = name.nil? ? "##{@entries.size + 1}" : Catalog.constant_name(name, "snippet name")
      add(label, bytecode.b.freeze, verify: true)
    end

    # `[[label, bytecode, verify], ...]` for the invocation frame (packed
    # once, at the seal).
    def frame
      @entries.dup.freeze
    end

    # The guest verifies every binary fully (wasm/src/rite.rs). Its first
    # checks are repeated here so that a binary that is not RITE 3.0 at all
    # (megabytes of garbage, a truncated file) never gets copied into a guest,
    # where it would only hit memory_limit. Raises Kobako::BytecodeError.
    def check!
      @problem = first_problem unless defined?(@problem)
      return unless @problem

      raise Outcome.remote_error(@problem, "")
    end

    private

    def check_unique!(name)
      raise ArgumentError, "a snippet named #{name} is already preloaded" if @labels.key?(name)
    end

    # The error fields (as the guest would report them) of the first binary
    # whose header is wrong, or nil.
    def first_problem
      @entries.each do |label, bytes, verify|
        reason = verify && header_problem(bytes)
        next unless reason

        return { "origin" => "sandbox", "class" => "Kobako::BytecodeError",
                 "message" => "preloaded bytecode #{label} is invalid: #{reason}" }
      end
      nil
    end

    def header_problem(bytes)
      return "empty bytecode" if bytes.empty?
      return "not mruby bytecode (no RITE header)" unless bytes.bytesize >= 20 && bytes.start_with?("RITE")

      version = bytes.byteslice(4, 4)
      return "RITE format version #{version.inspect} is not supported (this guest reads \"0300\", mruby 3.x)" \
        unless version == "0300"

      declared = bytes.byteslice(8, 4).unpack1("N")
      return if declared == bytes.bytesize

      "bytecode declares #{declared} bytes but #{bytes.bytesize} were given (truncated or padded)"
    end

    def add(label, bytecode, verify:)
      check_unique!(label)
      @labels[label] = true
      @entries << [label, bytecode, verify].freeze
    end
  end
end
