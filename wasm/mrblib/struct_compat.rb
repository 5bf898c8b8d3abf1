# Struct and Data as CRuby has them (docs/ruby.md, "Core fidelity"):
# Struct.new(..., keyword_init: true), Struct#to_h with a block, Data#with,
# Data#to_h with a block.

class Struct
  class << self
    alias __kobako_new new

    def new(*args, keyword_init: nil, &block)
      klass = __kobako_new(*args, &block)
      return klass unless keyword_init

      klass.instance_variable_set(:@__kobako_keyword_init, true)
      klass.class_eval do
        def initialize(*args, **kwargs)
          # mruby's Struct.new hands the keywords over as one Hash.
          kwargs = args.pop if kwargs.empty? && args.size == 1 && args[0].is_a?(Hash)
          unless args.empty?
            raise ArgumentError, "wrong number of arguments (given #{args.size}, expected 0)"
          end

          unknown = kwargs.keys - self.class.members
          raise ArgumentError, "unknown keywords: #{unknown.join(', ')}" unless unknown.empty?

          super()
          kwargs.each { |key, value| self[key] = value }
        end

        def self.keyword_init?
          true
        end
      end
      klass
    end
  end

  alias __kobako_to_h to_h

  # With a block, as CRuby: the pairs the block returns (Hash#to_h's rules).
  def to_h(&block)
    block ? __kobako_to_h.to_h(&block) : __kobako_to_h
  end
end

if Object.const_defined?(:Data)
  class Data
    def with(**kwargs)
      return self if kwargs.empty?

      self.class.new(**to_h.merge(kwargs))
    end

    alias __kobako_to_h to_h

    # With a block, as Struct#to_h.
    def to_h(&block)
      block ? __kobako_to_h.to_h(&block) : __kobako_to_h
    end
  end
end
