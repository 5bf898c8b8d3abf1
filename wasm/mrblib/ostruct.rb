# OpenStruct, defined by `require "ostruct"` (docs/ruby.md, "require"): as
# in CRuby, the constant does not exist before the require. The class is
# built by a lambda kept here (compiled into the baked runtime once) that
# require.rb calls when the feature is first loaded. Fields live in @table
# (Symbol keys) and are reached through method_missing; a field whose name
# is already a method (class, method, ...) is read with [] instead.

module Kobako
  LIBRARIES = {} unless const_defined?(:LIBRARIES)

  LIBRARIES["ostruct.rb"] = lambda do
    ostruct = Class.new do
      def initialize(hash = nil)
        @table = {}
        hash&.each_pair { |key, value| @table[key.to_sym] = value }
      end

      def initialize_copy(other)
        super
        @table = @table.dup
      end

      def [](name)
        @table[name.to_sym]
      end

      def []=(name, value)
        @table[name.to_sym] = value
      end

      def to_h(&block)
        block ? @table.to_h(&block) : @table.dup
      end

      def each_pair(&block)
        return to_enum(:each_pair) { @table.size } unless block

        @table.each_pair(&block)
        self
      end

      def dig(name, *names)
        value = @table[name.to_sym]
        names.empty? || value.nil? ? value : value.dig(*names)
      end

      def delete_field(name)
        sym = name.to_sym
        return @table.delete(sym) if @table.key?(sym)
        return yield if block_given?

        raise NameError.new("no field `#{sym}' in #{self}", sym)
      end

      # (mruby's Kernel has no respond_to_missing? to call with super.)
      def respond_to_missing?(name, _include_private = false)
        @table.key?(name.to_s.chomp("=").to_sym)
      end

      def method_missing(name, *args)
        text = name.to_s
        if text.end_with?("=")
          raise ArgumentError, "wrong number of arguments (given #{args.size}, expected 1)" unless args.size == 1

          @table[text.chomp("=").to_sym] = args[0]
        elsif args.empty?
          @table[name]
        else
          raise NoMethodError.new("undefined method `#{name}' for #{self}", name)
        end
      end

      def ==(other)
        other.is_a?(OpenStruct) && @table == other.__kobako_table
      end

      def eql?(other)
        other.is_a?(OpenStruct) && @table.eql?(other.__kobako_table)
      end

      def hash
        @table.hash
      end

      def freeze
        @table.freeze
        super
      end

      def inspect
        return "#<#{self.class} ...>" if Kobako.__inspecting?(self)

        Kobako.__inspecting(self) do
          "#<#{self.class}#{@table.map { |key, value| " #{key}=#{value.inspect}" }.join(',')}>"
        end
      end
      alias_method :to_s, :inspect

      protected

      def __kobako_table
        @table
      end
    end
    Object.const_set(:OpenStruct, ostruct)
  end

  # A recursion guard for inspect (an OpenStruct holding itself prints
  # "#<OpenStruct ...>" there, as CRuby).
  @inspecting = {}

  def self.__inspecting?(object)
    @inspecting.key?(object.__id__)
  end

  def self.__inspecting(object)
    @inspecting[object.__id__] = true
    yield
  ensure
    @inspecting.delete(object.__id__)
  end
end
