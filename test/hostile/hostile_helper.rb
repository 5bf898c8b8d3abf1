# frozen_string_literal: true

# Shared by test/hostile/: every attempt is a script (or a forged request)
# trying to get past the host's boundary. Each one asserts the typed error
# or refusal it must meet, that nothing happened on the host (no canary file,
# no secret in what came back), and that the same Sandbox still evaluates
# `1+1` afterwards. The attempts are counted; the total is printed when the
# run ends ("hostile: N attempts").
require "test_helper"
require "tmpdir"

module Hostile
  # Planted on host objects; no attempt may ever see it.
  SECRET = "sk-HOSTILE-#{Process.pid}-SECRET".freeze
  CANARY_DIR = Dir.mktmpdir("kobako-hostile")
  # A shell command an escape would run; the file it makes is the evidence.
  CANARY = File.join(CANARY_DIR, "pwned")
  PWN = "touch #{CANARY}".freeze

  @attempts = 0
  @mutex = Mutex.new

  class << self
    def count(number = 1)
      @mutex.synchronize { @attempts += number }
    end

    def attempts
      @mutex.synchronize { @attempts }
    end
  end

  Minitest.after_run do
    puts "hostile: #{Hostile.attempts} attempts"
    FileUtils.rm_rf(CANARY_DIR)
  end

  # A host object holding a secret, the way a real Service holds an API key.
  class Account
    attr_reader :owner

    def initialize(owner = "ada")
      @owner = owner
      @api_key = SECRET
    end

    def balance
      100
    end

    def deposit(amount)
      balance + amount
    end
  end

  # An ordinary Service: two public methods, one returning a host object
  # (lent as a Handle), a private method and a secret it must never leak.
  class Counter
    def initialize
      @api_key = SECRET
    end

    def add(left, right) = left + right
    def each_item = yield(1)
    def account = Account.new

    private

    def reset! = :reset
  end

  # Guest helper: a Service request built by hand and sent through the raw
  # import, skipping every guest-side check, the reply raised like a call.
  RAW = <<~'RUBY'
    def raw(target, name, args = [], kwargs = {}, block = nil)
      reply = Kobako.__dispatch([target, name, args, kwargs, block])
      case reply[0]
      when 0 then reply[1]
      when 1 then raise Kobako::REPLY_ERRORS.fetch(reply[1], Kobako::ServiceError), reply[2].to_s
      else raise Kobako::ServiceError, "unexpected reply #{reply.inspect}"
      end
    end
  RUBY

  # Assertions for one attempt each.
  module Assertions
    # A sandbox with `services` bound: { Namespace: { Member: object } }.
    def hostile_sandbox(services = {}, **options)
      box = Kobako::Sandbox.new(timeout: 10, **options)
      services.each do |ns, members|
        namespace = box.define(ns)
        members.each { |member, object| namespace.bind(member, object) }
      end
      box
    end

    # The script must fail with `raises` (and, when given, the guest class
    # `klass` and a message matching `message`); nothing may leak or run.
    def attempt(box, source, raises: Kobako::ServiceError, klass: nil, message: nil)
      Hostile.count
      error = assert_raises(raises, source) { box.eval(with_raw(source)) }
      assert_equal klass, error.klass, source if klass
      assert_match message, error.message, source if message
      assert_contained(box, error)
      error
    end

    # A refusal by the host: the call never reached a method.
    def refused(box, source)
      attempt(box, source, klass: "Kobako::NoServiceError")
    end

    # Refused either by the guest's fast path (NoMethodError, no round trip)
    # or by the host.
    def refused_anywhere(box, source)
      Hostile.count
      error = assert_raises(Kobako::SandboxError, Kobako::ServiceError, source) { box.eval(with_raw(source)) }
      assert_includes %w[NoMethodError Kobako::NoServiceError], error.klass, source
      assert_contained(box, error)
      error
    end

    # The script runs, and what it returns must equal `expected` (an attempt
    # the guest answers for itself, e.g. a refusal it rescued).
    def attempt_value(box, source, expected)
      Hostile.count
      assert_equal expected, box.eval(with_raw(source)), source
      assert_contained(box, nil)
    end

    # The raw-request helper, defined by the script itself where it uses it.
    def with_raw(source)
      source.include?("raw(") ? "#{RAW}#{source}" : source
    end

    def assert_contained(box, error)
      refute File.exist?(CANARY), "an attempt ran a shell command on the host"
      if error
        refute_includes error.message, SECRET
        lines = error.respond_to?(:backtrace_lines) ? error.backtrace_lines : []
        lines.each { |line| refute_includes line, SECRET }
      end
      refute_includes box.stdout, SECRET
      refute_includes box.stderr, SECRET
      assert_equal 2, box.eval("1+1"), "the sandbox is unusable after the attempt"
    end
  end
end

class HostileTest < KobakoTest
  include Hostile::Assertions
end
