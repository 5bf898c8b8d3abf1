# Kernel and Module methods CRuby scripts use that mruby 3.2 lacks or gets
# wrong (docs/ruby.md, "Core fidelity"): pp, public_send, rand with a Range,
# private_class_method, private_constant, module_function without names.

module Kernel
  private

  # pp(obj) prints obj.inspect and returns obj, as CRuby's pp does for
  # values whose inspect fits one line.
  def pp(*objects)
    objects.each { |o| $stdout.write(o.inspect, "\n") }
    objects.size <= 1 ? objects.first : objects
  end

  public

  # Calls only public methods, unlike send (visibility: wasm/c/visibility.c).
  def public_send(name, *args, **kwargs, &block)
    sym = name.to_sym
    vis = Kobako.__visibility(self, sym)
    if vis == :private || vis == :protected
      raise NoMethodError, "#{vis} method '#{sym}' called for #{Kobako.__receiver(self)}"
    end
    __send__(sym, *args, **kwargs, &block)
  end
end

module Kobako
  # How CRuby 3.1 names a receiver in a NoMethodError (as wasm/c/no_method.c).
  def self.__receiver(object)
    text = object.inspect
    text = "#<#{object.class}>" if text.size > 65
    text.start_with?("#") ? text : "#{text}:#{object.class}"
  end

  # rand(range) for Kernel#rand, Random.rand and Random#rand: `draw` is the
  # generator's own rand (an Integer below n, or a Float below 1.0 for 0).
  def self.__rand_range(range, draw)
    low = range.begin
    high = range.end
    raise TypeError, "no implicit conversion of Range into Integer" if low.nil? || high.nil?

    if low.is_a?(Integer) && high.is_a?(Integer)
      high -= 1 if range.exclude_end?
      return nil if high < low

      return low + draw.call(high - low + 1)
    end
    low = low.to_f
    span = high.to_f - low
    return nil if span < 0 || (span == 0 && range.exclude_end?)

    low + draw.call(0) * span
  end
end

module Kernel
  alias __kobako_rand rand
  private :__kobako_rand

  private

  def rand(max = 0)
    return Kobako.__rand_range(max, ->(n) { __kobako_rand(n) }) if max.is_a?(Range)

    __kobako_rand(max)
  end
end

module Kobako
  # Random#rand and Random.rand with a Range as well as a number (mruby's take
  # a number only); +rand+ calls the original. An empty Range raises, as in
  # CRuby (Kernel#rand returns nil instead).
  def self.__random_rand(max, rand)
    return rand.call(max) unless max.is_a?(Range)

    value = __rand_range(max, rand)
    raise ArgumentError, "invalid argument - #{max}" if value.nil?

    value
  end
end

class Random
  alias __kobako_rand rand

  def rand(max = 0)
    Kobako.__random_rand(max, ->(n) { __kobako_rand(n) })
  end

  class << self
    alias __kobako_rand rand

    def rand(max = 0)
      Kobako.__random_rand(max, ->(n) { __kobako_rand(n) })
    end
  end
end

class Module
  unless method_defined?(:private_class_method)
    def private_class_method(*names)
      singleton_class.__send__(:private, *names.flatten)
      nil
    end

    def public_class_method(*names)
      singleton_class.__send__(:public, *names.flatten)
      nil
    end
  end

  # mruby has no private constants: the names are checked and kept
  # reachable (a script that uses them inside its class keeps working; one
  # that reads Foo::X from outside gets the value instead of a NameError).
  unless method_defined?(:private_constant)
    def private_constant(*names)
      names.each do |name|
        raise NameError, "constant #{self}::#{name} not defined" unless const_defined?(name, false)
      end
      nil
    end

    def public_constant(*names)
      private_constant(*names)
    end
  end

  # module_function with no names makes the methods defined after it module
  # functions, as CRuby does.
  alias __kobako_module_function module_function
  private :__kobako_module_function

  private

  def module_function(*names)
    return __kobako_module_function(*names) unless names.empty?

    @__kobako_module_function = true
    nil
  end

  def method_added(name)
    __kobako_module_function(name) if @__kobako_module_function
  end
end
