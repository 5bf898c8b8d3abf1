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

    def flush
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

    def __puts_one(object)
      if object.is_a?(Array)
        object.flatten.each { |o| __puts_one(o) }
        write("\n") if object.empty?
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
