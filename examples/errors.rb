# frozen_string_literal: true

# Run with: ruby -Ilib examples/errors.rb
require "kobako"

sandbox = Kobako::Sandbox.new(timeout: 0.2, memory_limit: 2 << 20)

[
  "raise ArgumentError, 'bad input'", # Kobako::SandboxError
  "def (",                            # Kobako::SandboxError (SyntaxError)
  "Object.new",                       # Kobako::SandboxError (not representable)
  "loop {}",                          # Kobako::TimeoutError
  's = "x"; loop { s += s }'          # Kobako::MemoryLimitError
].each do |source|
  sandbox.eval(source)
rescue Kobako::SandboxError => e
  puts "#{e.class} (#{e.klass.inspect}): #{e.message}"
rescue Kobako::TrapError => e
  puts "#{e.class}: #{e.message}"
end

p sandbox.eval("1 + 1") # the sandbox is still usable => 2
