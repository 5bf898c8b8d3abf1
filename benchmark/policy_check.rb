# frozen_string_literal: true

# Micro-benchmark of the host's method policy (docs/security.md): the cost of
# Policy.method_for per Service call, for the common shapes of receiver, and
# of the interrupt mask Transport#call sets around each call. Prints
# microseconds per check (median of 7 runs of 20,000 checks each).
#   ruby -Ilib benchmark/policy_check.rb
require "kobako"
require "delegate"

# A plain Service.
class PlainService
  def call(value) = value
  # A surface name the class defines itself.
  def to_s = "service"
end

def micro(label, count = 20_000, &)
  runs = Array.new(7) do
    start = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    count.times(&)
    (Process.clock_gettime(Process::CLOCK_MONOTONIC) - start) / count * 1e6
  end
  puts format("%<label>-52s %<median>6.2f µs", label: label, median: runs.sort[3])
end

plain = PlainService.new
delegator = SimpleDelegator.new(PlainService.new)
typed = DelegateClass(PlainService).new(PlainService.new)
mask = Kobako::Transport::HOLD_INTERRUPTS

micro("method_for(plain, \"call\")") { Kobako::Policy.method_for(plain, "call") }
micro("method_for(plain, \"to_s\") (own method, surface name)") { Kobako::Policy.method_for(plain, "to_s") }
micro("method_for(plain, \"send\") (refused by name)") { Kobako::Policy.method_for(plain, "send") }
micro("method_for(plain, \"frozen?\") (refused by owner)") { Kobako::Policy.method_for(plain, "frozen?") }
micro("method_for(SimpleDelegator, \"call\")") { Kobako::Policy.method_for(delegator, "call") }
micro("method_for(DelegateClass, \"call\")") { Kobako::Policy.method_for(typed, "call") }
micro("Kernel#public_method alone (the old check's core)") { Kobako::Policy::PUBLIC_METHOD.bind_call(plain, :call) }
micro("Thread.handle_interrupt(mask) {}") { Thread.handle_interrupt(mask) { nil } }
