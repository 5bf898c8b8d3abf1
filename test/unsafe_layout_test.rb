# frozen_string_literal: true

require "minitest/autorun"

# Where the Rust sources may use `unsafe`, and that each use says why it
# holds (docs/architecture.md, "The guest's FFI layer"). The guest's clippy
# run (`rake cargo:clippy`) denies undocumented unsafe blocks too, but only
# for what it compiles for wasm32: this also covers the host-only test
# modules and the extension, and keeps the list of FFI modules honest.
class UnsafeLayoutTest < Minitest::Test
  ROOT = File.expand_path("..", __dir__)
  GUEST = File.join(ROOT, "wasm/src")
  EXTENSION = File.join(ROOT, "ext/kobako/src")
  # The guest's FFI layer: the modules wasm/src/lib.rs lets use `unsafe`.
  GUEST_FFI_MODULES = %w[exports float_fmt host interp mruby status].freeze
  # Code lines an `unsafe` may sit below its comment: the start of the
  # statement (`let x =`, a call split over lines) before the block.
  STATEMENT_LINES = 3

  # [file, line number, code line] of every `unsafe` outside comments.
  def unsafe_sites(dir)
    Dir[File.join(dir, "**", "*.rs")].flat_map do |file|
      File.readlines(file, chomp: true).each_with_index.filter_map do |line, i|
        [file, i + 1, line] if code(line).match?(/\bunsafe\b/)
      end
    end
  end

  def code(line)
    line.sub(%r{//.*}, "")
  end

  def comment?(line)
    line.strip.start_with?("//")
  end

  # The contiguous comment block above line `number` (1-based), reached by
  # skipping attributes and up to STATEMENT_LINES code lines; "" if none.
  def comment_above(lines, number)
    last = last_comment_line(lines, number - 2) or return ""
    first = last
    first -= 1 while first.positive? && comment?(lines[first - 1])
    lines[first..last].join("\n")
  end

  # Index of the nearest comment line at or above `index`, or nil when a
  # blank line or more than STATEMENT_LINES code lines come first.
  def last_comment_line(lines, index)
    skipped = 0
    while index >= 0 && !comment?(lines[index])
      skipped += 1 unless lines[index].strip.start_with?("#[")
      return nil if skipped > STATEMENT_LINES || lines[index].strip.empty?

      index -= 1
    end
    index >= 0 ? index : nil
  end

  def undocumented(dir)
    unsafe_sites(dir).reject do |file, number, line|
      above = comment_above(File.readlines(file, chomp: true), number)
      if code(line).match?(/\bunsafe\s+(extern\s+"C"\s+)?fn\b/)
        above.include?("# Safety")
      else
        above.include?("SAFETY:") || line.include?("SAFETY:")
      end
    end
  end

  def describe(sites)
    sites.map { |file, number, line| "#{file.delete_prefix("#{ROOT}/")}:#{number}: #{line.strip}" }.join("\n")
  end

  def test_every_guest_unsafe_says_why_it_holds
    assert_empty describe(undocumented(GUEST)),
                 "each needs a `// SAFETY:` comment above it (an `unsafe fn`: a `# Safety` doc section)"
  end

  def test_every_extension_unsafe_says_why_it_holds
    assert_empty describe(undocumented(EXTENSION))
  end

  def test_only_the_guest_ffi_layer_uses_unsafe
    ffi_files = GUEST_FFI_MODULES.map { |name| File.join(GUEST, "#{name}.rs") }
    tests = Dir[File.join(GUEST, "**", "tests.rs")]
    outside = unsafe_sites(GUEST).reject { |file, _, _| ffi_files.include?(file) || tests.include?(file) }
    assert_empty describe(outside), "unsafe outside the FFI layer (#{GUEST_FFI_MODULES.join(', ')})"
  end

  def test_lib_rs_denies_unsafe_except_in_the_ffi_layer
    lib = File.read(File.join(GUEST, "lib.rs"))
    assert_includes lib, "#![deny(unsafe_code)]"
    assert_includes lib, "#![deny(clippy::undocumented_unsafe_blocks)]"
    assert_includes lib, "#![deny(unsafe_op_in_unsafe_fn)]"
    allowed = lib.scan(/#\[allow\(unsafe_code\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub\s+)?mod\s+(\w+)/).flatten
    assert_equal GUEST_FFI_MODULES, allowed.sort
  end

  def test_the_mruby_ffi_is_declared_only_in_the_layer
    declared = Dir[File.join(GUEST, "**", "*.rs")].select do |file|
      File.read(file).match?(/fn kobako_(new|call|eval|run)_/)
    end
    assert_equal [File.join(GUEST, "mruby.rs")], declared
  end
end
