# frozen_string_literal: true

# Run by test/swap_reset_test.rb in its own process, with a swap device on.
# A Service the script calls pushes every page of the guest's memory out to
# swap (MADV_PAGEOUT) while the secret the script just built is still there;
# the invocation then ends and its slot is reset. The next invocation in the
# slot must start fresh: no global left over, and not one copy of the secret
# anywhere in the process's writable guest mappings.
require "kobako"
require "fiddle"
require "json"

module SwapChild
  MADV_PAGEOUT = 21
  PAGE = 4096
  MADVISE = Fiddle::Function.new(Fiddle.dlopen(nil)["madvise"],
                                 [Fiddle::TYPE_VOIDP, Fiddle::TYPE_SIZE_T, Fiddle::TYPE_INT], Fiddle::TYPE_INT)
  # Neither this source nor the regexp holds the secret as one run of bytes,
  # so only the guest's copies can match (the class is the point).
  SECRET = /T[O]P(?:S)ECRET\d/ # rubocop:disable Style/RedundantRegexpCharacterClass

  # Writable private mappings that may hold guest memory: anonymous ones and
  # those of the compiled module (wasmtime maps the memory image from it).
  def self.regions
    File.readlines("/proc/self/maps").filter_map do |line|
      range, perms, _offset, _device, _inode, name = line.split(" ", 6)
      next unless perms == "rw-p"
      next unless name.to_s.strip.empty? || name.include?(".cwasm") || name.include?("memfd")

      range.split("-").map { |address| address.to_i(16) }
    end
  end

  # The Service: the script's memory goes to swap.
  class Pager
    def page_out
      SwapChild.regions.count { |low, high| MADVISE.call(low, high - low, MADV_PAGEOUT).zero? }
    end

    # Page by page into one reused buffer, with String#index (no matched
    # copies), and the buffer wiped after: the scan itself must leave no
    # copy of the secret in host memory for the next scan to find.
    def copies_of_the_secret
      buffer = String.new(capacity: PAGE)
      hits = File.open("/proc/self/mem", "rb") do |memory|
        SwapChild.regions.sum { |low, high| high - low > (256 << 20) ? 0 : count_in(memory, low, high, buffer) }
      end
      buffer.bytesize.times { |i| buffer.setbyte(i, 0) }
      hits
    end

    private

    def count_in(memory, low, high, buffer)
      (low...high).step(PAGE).sum do |address|
        memory.pread(PAGE, address, buffer)
        count = 0
        at = 0
        while (at = buffer.index(SECRET, at))
          count += 1
          at += 1
        end
        count
      rescue SystemCallError, EOFError
        0
      end
    end
  end
end

box = Kobako::Sandbox.new(memory_limit: 8 << 20)
box.define(:Host).bind(:Pager, SwapChild::Pager.new)
rounds = Array.new(4) do |i|
  seen = box.eval("$secret = (%w[TOP SEC RET].join + '#{i}') * 2_000; " \
                  "[Host::Pager.copies_of_the_secret, Host::Pager.page_out]")
  after = box.eval("[$secret, Host::Pager.copies_of_the_secret]")
  [seen.first.positive?, after]
rescue Kobako::Error => e
  [:error, e.class.name, e.message[0, 120]]
end
swapped = File.readlines("/proc/swaps").drop(1).sum { |line| line.split[3].to_i }
print JSON.generate(reset: Kobako::Native.memory_reset, rounds: rounds, swapped_kib: swapped)
