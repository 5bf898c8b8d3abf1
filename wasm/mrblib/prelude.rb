# Evaluated once while the guest is pre-initialized, so every invocation
# starts with it already defined at no cost.

module Kobako
  # $stdout / $stderr / STDOUT / STDERR: an IO-like writer over WASI fd 1 or 2.
  # mruby-io is not compiled in (it would reach host files), so this is the
  # whole output surface.
  class Output
    def initialize(fd)
      @fd = fd
    end

    def fileno
      @fd
    end

    def write(*objects)
      objects.sum { |o| Kobako.__write(@fd, o.to_s) }
    end

    def <<(object)
      write(object)
      self
    end

    def print(*objects)
      objects.each { |o| write(o) }
      nil
    end

    def puts(*objects)
      # All-String arguments (the common case) are written by C in one call.
      return nil if Kobako.__puts(@fd, objects)

      if objects.empty?
        write("\n")
      else
        objects.each { |o| __puts_one(o) }
      end
      nil
    end

    def printf(format, *args)
      write(Kernel.format(format, *args))
      nil
    end

    def putc(char)
      write(char.is_a?(Integer) ? (char & 0xff).chr : char.to_s[0])
      char
    end

    # Output is buffered in the guest (docs/native.md, "Output"); the host
    # reads what is pending at the end of the run even after a trap.
    def flush
      Kobako.__flush(@fd)
      self
    end

    def sync
      true
    end

    def sync=(_value); end

    def tty?
      false
    end
    alias isatty tty?

    def fsync
      0
    end

    def inspect
      @fd == 1 ? "#<IO:<STDOUT>>" : "#<IO:<STDERR>>"
    end

    private

    # An Array writes its elements, flattened; an empty one writes nothing
    # (CRuby: `puts []` and `puts [[]]` print no line, `puts` alone prints one).
    def __puts_one(object)
      if object.is_a?(Array)
        object.flatten.each { |o| __puts_one(o) }
        return
      end
      line = object.nil? ? "" : object.to_s
      write(line)
      write("\n") unless line.end_with?("\n")
    end
  end
end

STDOUT = Kobako::Output.new(1)
STDERR = Kobako::Output.new(2)
$stdout = STDOUT
$stderr = STDERR

module Kernel
  private

  def print(*objects)
    $stdout.print(*objects)
  end

  def puts(*objects)
    $stdout.puts(*objects)
  end

  def putc(char)
    $stdout.putc(char)
  end

  def printf(*args)
    $stdout.printf(*args) unless args.empty?
    nil
  end

  def p(*objects)
    objects.each { |o| $stdout.write(o.inspect, "\n") }
    objects.size <= 1 ? objects.first : objects
  end

  def warn(*messages, uplevel: nil, category: nil)
    messages.flatten.each { |m| $stderr.puts(m) }
    nil
  end
end

# mruby has no encodings; kobako keeps one bit per String (binary or UTF-8)
# so the host gets back the encoding it expects. See docs/wire.md.
class Encoding
  attr_reader :name

  def initialize(name)
    @name = name
  end

  alias to_s name

  def inspect
    "#<Encoding:#{@name}>"
  end

  UTF_8 = new("UTF-8")
  BINARY = ASCII_8BIT = new("ASCII-8BIT")

  def self.find(name)
    case name.to_s.upcase
    when "UTF-8", "UTF8" then UTF_8
    when "ASCII-8BIT", "BINARY" then BINARY
    else raise ArgumentError, "unknown encoding name - #{name}"
    end
  end
end

class String
  def encoding
    __kobako_binary? ? Encoding::BINARY : Encoding::UTF_8
  end

  def force_encoding(encoding)
    self.__kobako_binary = Encoding.find(encoding) == Encoding::BINARY
    self
  end

  def valid_encoding?
    __kobako_binary? || __kobako_valid_utf8?
  end
end

# ---- Ruby compatibility (docs/values.md, "Guest language") ------------------
# Everyday CRuby methods that mruby 3.2 lacks and that scripts written for
# CRuby (and by LLMs) reach for constantly. Pure Ruby, defined only if absent.

class Integer
  unless method_defined?(:even?)
    def even?
      self % 2 == 0
    end

    def odd?
      self % 2 == 1
    end
  end

  unless method_defined?(:pred)
    def pred
      self - 1
    end
  end

  unless method_defined?(:gcd)
    def gcd(other)
      raise TypeError, "not an integer" unless other.is_a?(Integer)

      a = abs
      b = other.abs
      a, b = b, a % b until b == 0
      a
    end

    def lcm(other)
      return 0 if self == 0 || other == 0

      (self / gcd(other) * other).abs
    end
  end

  unless respond_to?(:sqrt)
    # Integer square root, exact for big integers too (Newton's method).
    def self.sqrt(n)
      raise TypeError, "not an integer" unless n.is_a?(Integer)
      raise Math::DomainError, 'Numerical argument is out of domain - "isqrt"' if n < 0
      return n if n < 2

      x = n
      y = (x + 1) / 2
      while y < x
        x = y
        y = (x + n / x) / 2
      end
      x
    end
  end
end

class Numeric
  unless method_defined?(:fdiv)
    def fdiv(other)
      to_f / other
    end
  end
end

class Range
  unless method_defined?(:step)
    def step(n = 1, &block)
      return to_enum(:step, n) unless block
      raise ArgumentError, "step can't be 0" if n == 0
      raise ArgumentError, "step can't be negative" if n < 0

      x = self.begin
      last = self.end
      while last.nil? || (exclude_end? ? x < last : x <= last)
        yield x
        x += n
      end
      self
    end
  end
end

# ---- Services (docs/services.md, docs/wire.md) -------------------------------

module Kobako
  class ServiceError < StandardError; end
  class NoServiceError < ServiceError; end
  class ServiceArgumentError < ServiceError; end

  # Reflection and evaluation never cross the wall: these are refused on the
  # guest's side, without a round trip, whatever the host object defines.
  # A Hash, not an Array: it is consulted on every call, and mruby's
  # Array#include? compares element by element through method calls.
  DENIED = %i[
    send public_send instance_eval instance_exec class_eval class_exec
    module_eval module_exec method methods public_method public_methods
    private_methods protected_methods singleton_method singleton_methods
    define_method define_singleton_method instance_variable_get
    instance_variable_set instance_variable_defined? instance_variables
    remove_instance_variable const_get const_set constants binding extend
    instance_method public_instance_method singleton_class method_missing
    respond_to_missing? remove_method undef_method alias_method
    try try! tap then yield_self to_enum enum_for __getobj__ __setobj__
  ].to_h { |name| [name, true] }.freeze

  REPLY_ERRORS = {
    "Kobako::ServiceError" => ServiceError,
    "Kobako::NoServiceError" => NoServiceError,
    "Kobako::ServiceArgumentError" => ServiceArgumentError
  }.freeze

  @blocks = {}
  @block_results = {}
  @next_block = 0

  class << self
    # One Service call: NS::Member.m(...) or handle.m(...). Kobako.__call
    # (shim.c) serves the common call itself and comes here for the rest.
    def __call_ruby(target, name, args, kwargs, block)
      if DENIED.key?(name)
        raise NoMethodError, "undefined method '#{name}' for #{__describe(target)}"
      end

      id = __hold_block(block)
      begin
        reply = __dispatch([target, name.to_s, args, kwargs, id])
      ensure
        @blocks.delete(id) if id
      end
      __settle(reply, id)
    end

    # The host yields to a block: [block_id, args] -> reply (docs/wire.md).
    def __yield(request)
      id, args = request
      block = @blocks[id]
      return [Wire::YIELD_RAISED, "LocalJumpError", "the block's Service call has returned"] unless block

      status, value = __call_block(block, args)
      return [Wire::YIELD_OK, value] if status == Wire::BLOCK_VALUE

      @block_results[id] = value
      # `break` and `return`/`throw` (escaped) both end the Service call;
      # the latter are then finished in __settle.
      return [Wire::YIELD_BROKE] if status == Wire::BLOCK_BROKE || status == Wire::BLOCK_ESCAPED

      [Wire::YIELD_RAISED, value.class.to_s, value.message.to_s]
    end

    def __bind_all(services)
      services.each do |ns, member, methods|
        mod = Object.const_defined?(ns) ? Object.const_get(ns) : Object.const_set(ns, Module.new)
        mod.const_set(member, Service.new("#{ns}::#{member}", methods.to_h { |m| [m, true] }))
      end
      nil
    end

    private

    def __hold_block(block)
      return nil unless block

      id = (@next_block += 1)
      @blocks[id] = block
      id
    end

    def __settle(reply, id)
      case reply[0]
      when Wire::REPLY_OK then reply[1]
      when Wire::REPLY_ERROR then raise REPLY_ERRORS.fetch(reply[1], ServiceError), reply[2].to_s
      # The block broke out with this value, or returned (__broke_out, shim.c).
      when Wire::REPLY_BROKE then __broke_out(@block_results.delete(id))
      when Wire::REPLY_BLOCK_RAISED then raise(@block_results.delete(id) || __rebuild_error(reply[1], reply[2]))
      else raise ServiceError, "malformed reply from the host"
      end
    end

    # The block failed in a way the guest kept no exception for (its value
    # could not cross): raise the same class the host saw.
    def __rebuild_error(class_name, message)
      klass = Object.const_get(class_name.to_s) rescue ServiceError
      klass = ServiceError unless klass.is_a?(Class) && klass <= Exception
      klass.new(message.to_s)
    end

    # Module#=== works on BasicObject proxies, which answer no methods here.
    def __describe(target)
      String === target ? target : "a Kobako::Handle"
    end
  end

  # NS::Member in the guest. Everything not defined here is forwarded.
  # What both proxy classes share. `__send__` stays, because mruby itself
  # calls it (`handles.map(&:name)` goes through Symbol#to_proc), and
  # `public_send` and `send` are the same method: each is guarded, doing
  # exactly what the plain call `proxy.name(...)` would, so it never reaches
  # a refused or private method, and a forwarded call carries the method's
  # own name, which the host's policy judges as it judges a direct call.
  module Proxy
    def self.included(proxy)
      proxy.class_eval { undef_method :instance_eval, :instance_exec }
    end

    def __send__(name, *args, **kwargs, &block)
      name = name.to_sym
      if ::Kobako::DENIED.key?(name) || name == :__kobako_send
        ::Kernel.raise ::NoMethodError, "undefined method '#{name}' for #{inspect}"
      end
      visibility = ::Kobako.__visibility(self, name)
      if visibility == :private
        ::Kernel.raise ::NoMethodError, "private method '#{name}' called for #{inspect}"
      end
      # Not the proxy's own: forwarded as the plain call is (mruby's
      # BasicObject#__send__ drops the block on its way to method_missing).
      return method_missing(name, *args, **kwargs, &block) if visibility.nil?

      __kobako_send(name, *args, **kwargs, &block)
    end
    alias public_send __send__
    alias send __send__

    # The proxy's own ways to call, which every Ruby object answers.
    def self.sends?(name)
      name == :send || name == :public_send || name == :__send__
    end
  end

  class Service < BasicObject
    alias_method :__kobako_send, :__send__ # BasicObject's, before Proxy overrides it
    include Proxy

    def initialize(path, methods)
      @path = path
      @methods = methods
    end

    def respond_to?(name, _include_all = false)
      @methods.key?(name.to_s) || Proxy.sends?(name.to_sym)
    end

    def inspect
      "#<Kobako::Service #{@path}>"
    end
    alias to_s inspect

    def nil?
      false
    end

    # A call with a block goes straight to the Ruby path: a `return` in the
    # block must find no C frame (Kobako.__call's) between it and its method.
    def method_missing(name, *args, **kwargs, &block)
      return ::Kobako.__call_ruby(@path, name, args, kwargs, block) if block

      ::Kobako.__call(@path, name, args, kwargs, nil)
    end
  end

  # A host object held by id (Kobako::Handle is defined in C, see shim.c).
  class Handle
    alias_method :__kobako_send, :__send__ # BasicObject's, before Proxy overrides it
    include Proxy

    # Answered locally: the guest cannot know the host object's methods
    # without asking, so this says whether a call would be forwarded at all.
    def respond_to?(name, _include_all = false)
      name = name.to_sym
      Proxy.sends?(name) || !DENIED.key?(name)
    end

    def inspect
      "#<Kobako::Handle #{__kobako_id}>"
    end

    def nil?
      false
    end

    def frozen?
      true
    end

    # A call with a block goes straight to the Ruby path: a `return` in the
    # block must find no C frame (Kobako.__call's) between it and its method.
    def method_missing(name, *args, **kwargs, &block)
      return ::Kobako.__call_ruby(self, name, args, kwargs, block) if block

      ::Kobako.__call(self, name, args, kwargs, nil)
    end
  end
end

# ---- #run entrypoints (docs/snippets.md) --------------------------------------

module Kobako
  class << self
    # Sandbox#run: [name, [args, kwargs]] -> Name.call(*args, **kwargs).
    def __run(request)
      name, (args, kwargs) = request
      __entrypoint(name.to_sym).call(*args, **kwargs)
    end

    def __take_request
      request = @request
      @request = nil
      request
    end

    private

    # Only constants the snippets (or this invocation) defined are
    # entrypoints; the booted runtime's own constants are not.
    def __entrypoint(name)
      unless Object.const_defined?(name) && !BOOT_CONSTANTS.key?(name)
        raise NameError, "undefined entrypoint #{name} (#{__entrypoint_list})"
      end

      target = Object.const_get(name)
      return target if target.respond_to?(:call)

      raise TypeError, "entrypoint #{name} is a #{target.class}, which does not respond to #call"
    end

    def __entrypoint_list
      names = (Object.constants - BOOT_CONSTANTS.keys).select do |c|
        Object.const_get(c).respond_to?(:call)
      end
      names.empty? ? "no entrypoints are defined" : "entrypoints: #{names.map(&:to_s).sort.join(', ')}"
    end
  end

  # Taken last, when the runtime is complete, and baked with it.
  BOOT_CONSTANTS = Object.constants.to_h { |c| [c, true] }.freeze
end
