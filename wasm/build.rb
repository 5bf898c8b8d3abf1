# frozen_string_literal: true

# Builds data/kobako.wasm from nothing but this repository and the registries:
#
#   1. fetch the mruby 3.2.0 tree carried by the crates.io crate mruby3-sys
#   1b. fetch Oniguruma's C source (crates.io onig_sys) and build libonig.a
#   2. build libmruby.a for wasm32-wasip1 with mruby's own rake (wasm/mruby_config.rb)
#   3. compile the guest's C glue (wasm/c) into libkobako_c.a
#   4. build the Rust guest (wasm/) for wasm32-wasip1
#   5. pre-initialize it with tools/bake (wasmtime-wizer) into data/kobako.wasm
#
# Usage: ruby wasm/build.rb [--check-reproducible]
#   --check-reproducible  rebuild from clean into a scratch file; fail unless it
#                         is byte-identical to data/kobako.wasm.

require "digest"
require "fileutils"
require "json"
require "rbconfig"

require_relative "build_env"
require_relative "patches"
require_relative "onig_build"

module KobakoGuestBuild
  extend BuildEnv
  extend Patches
  extend OnigBuild

  ROOT = File.expand_path("..", __dir__)
  WASM_DIR = File.join(ROOT, "wasm")
  BUILD = File.join(ROOT, "build")
  MRUBY_SRC = File.join(BUILD, "mruby", "src")
  MRUBY_OUT = File.join(BUILD, "mruby", "out")
  C_OUT = File.join(BUILD, "guest-c")
  ONIG_OUT = File.join(BUILD, "onig") # libonig.a: Oniguruma for Regexp (wasm/onig_build.rb)
  ARTIFACT = File.join(ROOT, "data", "kobako.wasm")
  TRIPLE = "wasm32-wasip1"
  # NaN boxing: an mrb_value is 8 bytes (MRB_NO_BOXING's were 16), Floats
  # stay full IEEE doubles inline, Integers within ±2**47 inline
  # (wasm/patches/nanbox_fixnum_*.rb), larger ones up to 2**63 boxed as heap
  # RInteger (MRB_INT64), Bignum beyond. wasm32's default word boxing would
  # give 31-bit fixnums and heap-allocate every Float. Every C file and the
  # Rust mirror (wasm/src/mruby.rs, Value) must agree on this. Measured
  # (benchmark/rows/vm.rb, CPU time): Array.new(100_000) { |i| i } grows memory
  # by 983,040 bytes (2,097,152 with 16-byte values, past the 1 MiB default
  # cap); against MRB_NO_BOXING with the same VM, method calls 81 -> 58 ms,
  # float math 85 -> 77 ms, but the 1M while loop 41 -> 50 ms (mrb_type and
  # Integer reads decode the tag bits).
  # MRB_ARY_NO_EMBED: wasm32 aligns the 8-byte value to 8, so an Array with
  # one embedded value would be 32 bytes and break mruby's 24-byte (6-word)
  # object size (gc.c's static assert); MRB_NO_BOXING had it implied.
  MRUBY_DEFINES = %w[
    MRB_NAN_BOXING MRB_INT64 MRB_UTF8_STRING MRB_ARY_NO_EMBED
    MRB_STR_LENGTH_MAX=0 MRB_ARY_LENGTH_MAX=0
  ].freeze

  module_function

  # Step 1: mruby's source is fetched, never committed.
  def fetch_mruby
    stamp = File.join(MRUBY_SRC, ".kobako-fetched")
    return if File.exist?(stamp) && File.read(stamp).include?(patch_digest)

    copy_mruby_tree
    FileUtils.rm_rf(MRUBY_OUT) # objects built from an older tree
    apply_patches(MRUBY_SRC)
    File.write(stamp, "mruby3-sys 3.2.0\npatches #{patch_digest}\n")
  end

  def copy_mruby_tree
    manifest = File.join(WASM_DIR, "mruby-source", "Cargo.toml")
    run!({}, "cargo", "fetch", "--locked", "--manifest-path", manifest)
    meta = JSON.parse(capture!({}, "cargo", "metadata", "--format-version", "1", "--locked",
                               "--manifest-path", manifest))
    crate = meta.fetch("packages").find { |p| p["name"] == "mruby3-sys" } or abort "mruby3-sys not in metadata"
    tree = File.join(File.dirname(crate.fetch("manifest_path")), "mruby")
    abort "no mruby tree in #{tree}" unless File.exist?(File.join(tree, "include", "mruby.h"))

    FileUtils.rm_rf(MRUBY_SRC)
    FileUtils.mkdir_p(File.dirname(MRUBY_SRC))
    FileUtils.cp_r(tree, MRUBY_SRC)
  end

  # Step 2.
  def build_mruby
    env = {
      "MRUBY_CONFIG" => File.join(WASM_DIR, "mruby_config.rb"),
      "KOBAKO_MRUBY_BUILD_DIR" => MRUBY_OUT,
      "KOBAKO_CLANG" => clang,
      "KOBAKO_AR" => archiver,
      "KOBAKO_GUEST_CFLAGS" => cflags.join(" "),
      "KOBAKO_MRUBY_DEFINES" => MRUBY_DEFINES.join(" "),
      "KOBAKO_ONIG_INCLUDE" => onig_source_dir
    }
    discard_stale_mruby_build(env)
    run!(env, "rake", "-f", File.join(MRUBY_SRC, "Rakefile"), "all", chdir: MRUBY_SRC)
  end

  # mruby's rake rebuilds on file changes only, not on changed flags or
  # defines: a build made with other settings is thrown away first.
  def discard_stale_mruby_build(env)
    settings = File.join(MRUBY_OUT, ".kobako-settings")
    wanted = env.sort.map { |key, value| "#{key}=#{value}" }.join("\n")
    return if File.exist?(settings) && File.read(settings) == wanted

    FileUtils.rm_rf(MRUBY_OUT)
    FileUtils.mkdir_p(MRUBY_OUT)
    File.write(settings, wanted)
  end

  def mruby_lib = File.join(MRUBY_OUT, TRIPLE, "lib", "libmruby.a")

  # Step 3.
  def build_glue
    FileUtils.mkdir_p(C_OUT)
    includes = ["-I", File.join(MRUBY_SRC, "include")]
    defines = MRUBY_DEFINES.map { |d| "-D#{d}" }
    objects = %w[shim.c sjlj.c no_method.c json.c math_ext.c exception.c bigint.c complex_ext.c visibility.c
                 defined.c].map do |src|
      obj = File.join(C_OUT, src.sub(/\.c\z/, ".o"))
      run!({}, clang, *cflags, *defines, *includes, "-c", File.join(WASM_DIR, "c", src), "-o", obj)
      obj
    end
    # The tag needs its own object assembled with exceptions and nothing else.
    tag = File.join(C_OUT, "c_longjmp_tag.o")
    run!({}, clang, "--target=#{TRIPLE}", "-mexception-handling", "-c",
         File.join(WASM_DIR, "c", "c_longjmp_tag.s"), "-o", tag)
    lib = File.join(C_OUT, "libkobako_c.a")
    FileUtils.rm_f(lib)
    run!({ "ZERO_AR_DATE" => "1" }, archiver, "rcsD", lib, *objects, tag)
  end

  def raw_guest = File.join(target_dir, TRIPLE, "release", "kobako_guest.wasm")

  # Step 4.
  def build_guest
    env = cargo_env.merge(
      "KOBAKO_GUEST_LIB_DIRS" => [File.dirname(mruby_lib), C_OUT, ONIG_OUT].join(File::PATH_SEPARATOR),
      "CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS" =>
        "--remap-path-prefix=#{ROOT}=/kobako --remap-path-prefix=#{Dir.home}=/home"
    )
    run!(env, "cargo", "build", "--release", "--locked", "-p", "kobako-guest", "--target", TRIPLE)
  end

  # Step 5: pre-initialize.
  def bake(output)
    FileUtils.mkdir_p(File.dirname(output))
    tmp = "#{output}.tmp"
    run!(cargo_env, "cargo", "run", "--release", "--locked", "-q", "-p", "kobako-bake", "--", raw_guest, tmp)
    File.rename(tmp, output)
  end

  def build(output = ARTIFACT)
    fetch_mruby
    build_onig
    build_mruby
    build_glue
    build_guest
    bake(output)
    puts "wasm/build.rb: #{output} (#{File.size(output)} bytes, sha256 #{Digest::SHA256.file(output).hexdigest})"
  end

  def clean_guest_outputs
    FileUtils.rm_rf(MRUBY_OUT)
    FileUtils.rm_rf(C_OUT)
    FileUtils.rm_rf(ONIG_OUT)
    run!(cargo_env, "cargo", "clean", "--release", "-p", "kobako-guest", "--target", TRIPLE)
  end

  def check_reproducible
    build unless File.exist?(ARTIFACT)
    first = Digest::SHA256.file(ARTIFACT).hexdigest
    scratch = File.join(BUILD, "reproducible.wasm")
    clean_guest_outputs
    build(scratch)
    second = Digest::SHA256.file(scratch).hexdigest
    abort "wasm/build.rb: NOT reproducible: #{first} vs #{second}" unless first == second

    puts "wasm/build.rb: reproducible (sha256 #{first})"
  end
end

if $PROGRAM_NAME == __FILE__
  if ARGV.include?("--check-reproducible")
    KobakoGuestBuild.check_reproducible
  else
    KobakoGuestBuild.build
  end
end
