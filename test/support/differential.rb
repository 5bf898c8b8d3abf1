# frozen_string_literal: true

require "open3"

# CRuby-differential checks: the same Ruby source runs in a fresh CRuby
# process (the oracle) and in a real Sandbox, and the two must agree on the
# value's inspect, on what was printed, and on the error class and message
# when the source raises. One CRuby subprocess answers a whole batch of cases,
# each evaluated in its own binding with $stdout redirected.
module Differential
  ORACLE = <<~'RUBY'
    require "stringio"
    cases = Marshal.load($stdin.read)
    results = cases.map do |src|
      out = StringIO.new
      saved = $stdout
      $stdout = out
      begin
        value = TOPLEVEL_BINDING.dup.eval(src, "(eval)")
        [:ok, value.inspect, out.string]
      rescue Exception => e # rubocop:disable Lint/RescueException
        [:error, e.class.name, e.message, out.string]
      ensure
        $stdout = saved
      end
    end
    $stdout.write(Marshal.dump(results))
  RUBY

  # [src] -> CRuby's answers, in order.
  def self.oracle(sources)
    out, err, status = Open3.capture3(ORACLE_RUBY, "-e", ORACLE, stdin_data: Marshal.dump(sources),
                                                                 binmode: true)
    raise "CRuby oracle failed: #{err}" unless status.success?

    Marshal.load(out) # rubocop:disable Security/MarshalLoad
  end

  # The guest's answer for one source, in the oracle's shape.
  def self.guest(src, **options)
    sandbox = Kobako::Sandbox.new(**options)
    wrapped = "(begin\n#{src}\nend).inspect"
    value = sandbox.eval(wrapped)
    [:ok, value, sandbox.stdout]
  rescue Kobako::SandboxError => e
    [:error, e.klass, e.message.delete_prefix("#{e.klass}: "), sandbox.stdout]
  end

  # Asserts every source behaves in the guest as in CRuby.
  def assert_like_cruby(*sources, **options)
    expected = Differential.oracle(sources)
    sources.zip(expected).each do |src, want|
      got = Differential.guest(src, **options)
      assert_equal want, got, "differs from CRuby: #{src}"
    end
  end
end
