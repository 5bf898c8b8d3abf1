# frozen_string_literal: true

module Kobako
  # The code a Sandbox replays, in insertion order, at the start of every
  # invocation (SPEC 2.3, B-31). Each entry is RITE bytecode: source snippets
  # are compiled once, at #preload, so replay never parses (docs/snippets.md).
  class Snippets
    def initialize
      @entries = []
      @labels = {}
    end

    def empty?
      @entries.empty?
    end

    def size
      @entries.size
    end

    def check_unique!(name)
      raise ArgumentError, "a snippet named #{name} is already preloaded" if @labels.key?(name)
    end

    # Bytecode the guest's own compiler produced from a named source snippet.
    def add_compiled(name, bytecode)
      add(name, bytecode, verify: false)
    end

    # Bytecode from the host: verified by the guest at every replay, so a bad
    # binary fails each invocation the same way (SPEC 2.3).
    def add_binary(name, bytecode)
      add(name || "##{@entries.size + 1}", bytecode, verify: true)
    end

    # `[[label, bytecode, verify], ...]` for the invocation frame; built once
    # the setup is sealed.
    def frame
      @frame ||= @entries.map(&:dup).freeze
    end

    private

    def add(label, bytecode, verify:)
      check_unique!(label)
      @labels[label] = true
      @entries << [label, bytecode, verify].freeze
      @frame = nil
    end
  end
end
