# JSON (docs/ruby.md, "JSON"): the API of CRuby's json 2.6 over the C parser
# and generator in wasm/c/json.c, which do the work. This file only turns
# options into the C functions' plain arguments. `require "json"` answers
# true (wasm/mrblib/require.rb) but the module is always there.

module JSON
  class JSONError < StandardError; end
  class ParserError < JSONError; end
  class NestingError < ParserError; end
  class GeneratorError < JSONError; end
  ParseError = ParserError
  UnparserError = GeneratorError

  NaN = 0.0 / 0
  Infinity = 1.0 / 0
  MinusInfinity = -Infinity

  # json 2.6's defaults: 100 levels, no NaN/Infinity, compact output.
  DEFAULT_MAX_NESTING = 100
  PRETTY = { indent: "  ", space: " ", object_nl: "\n", array_nl: "\n" }.freeze

  class << self
    def parse(source, opts = nil, **kwargs)
      opts = __options(opts, kwargs)
      __parse(__source(source), opts[:symbolize_names] ? true : false,
              __nesting(opts.fetch(:max_nesting, DEFAULT_MAX_NESTING)), opts[:allow_nan] ? true : false)
    end

    def parse!(source, opts = nil, **kwargs)
      opts = __options(opts, kwargs)
      parse(source, { max_nesting: false, allow_nan: true }.merge(opts))
    end

    def generate(obj, opts = nil, **kwargs)
      opts = __options(opts, kwargs)
      __generate(obj, opts.fetch(:indent, "").to_s, opts.fetch(:space, "").to_s,
                 opts.fetch(:space_before, "").to_s, opts.fetch(:object_nl, "").to_s,
                 opts.fetch(:array_nl, "").to_s, opts[:allow_nan] ? true : false,
                 __nesting(opts.fetch(:max_nesting, DEFAULT_MAX_NESTING)),
                 opts[:ascii_only] ? true : false, opts[:escape_slash] ? true : false)
    end
    alias unparse generate
    alias fast_generate generate

    def pretty_generate(obj, opts = nil, **kwargs)
      generate(obj, PRETTY.merge(__options(opts, kwargs)))
    end
    alias pretty_unparse pretty_generate

    # JSON.dump(obj[, io][, limit]): NaN and any depth allowed, as in json.
    def dump(obj, io = nil, limit = nil)
      if io.is_a?(Integer)
        limit = io
        io = nil
      end
      text = generate(obj, allow_nan: true, max_nesting: limit || false)
      return text unless io

      io.write(text)
      io
    end

    # JSON.load(string): a String (or nil) only; the guest has no files.
    def load(source, proc = nil, opts = nil)
      source = source.read if source.respond_to?(:read)
      return nil if source.nil? || source.to_str.empty?

      value = parse(source, { allow_nan: true, max_nesting: false }.merge(opts || {}))
      __recurse(value, proc) if proc
      value
    end
    alias restore load

    def [](object, opts = nil)
      object.is_a?(String) ? parse(object, opts) : generate(object, opts)
    end

    private

    def __options(opts, kwargs)
      opts = opts.nil? ? {} : opts.to_h
      opts = opts.merge(kwargs) unless kwargs.empty?
      opts.transform_keys(&:to_sym)
    end

    def __source(source)
      source = source.read if source.respond_to?(:read) && !source.respond_to?(:to_str)
      raise TypeError, "no implicit conversion of #{source.class} into String" unless source.respond_to?(:to_str)

      source.to_str
    end

    def __nesting(depth)
      depth ? depth.to_i : 0
    end

    def __recurse(value, proc)
      case value
      when Array then value.each { |v| __recurse(v, proc) }
      when Hash then value.each_value { |v| __recurse(v, proc) }
      end
      proc.call(value)
    end
  end
end

class Object
  # json's Object#to_json: the generator decides by class (a String, Hash,
  # Array, number, nil, true, false as themselves, anything else as its
  # to_s). The argument (json's generator state) is accepted and ignored.
  def to_json(*_state)
    JSON.generate(self)
  end
end

module Kernel
  private

  def JSON(object, *args) # rubocop:disable Naming/MethodName
    object.is_a?(String) ? JSON.parse(object, *args) : JSON.generate(object, *args)
  end

  def j(*objects)
    objects.each { |o| puts JSON.generate(o) }
    nil
  end

  def jj(*objects)
    objects.each { |o| puts JSON.pretty_generate(o) }
    nil
  end
end
