# frozen_string_literal: true

# mruby build configuration for the kobako guest, run by wasm/build.rb through
# mruby's own rake. Paths and flags arrive in KOBAKO_* environment variables so
# this file stays free of machine-specific values.

# Host build: only `mrbc`, which the cross build uses to compile gems' mrblib.
MRuby::Build.new do |conf|
  conf.toolchain :gcc
  conf.build_dir = File.join(ENV.fetch("KOBAKO_MRUBY_BUILD_DIR"), "host")
  conf.gem core: "mruby-bin-mrbc"
end

MRuby::CrossBuild.new("wasm32-wasip1") do |conf|
  conf.toolchain :clang
  conf.build_dir = File.join(ENV.fetch("KOBAKO_MRUBY_BUILD_DIR"), "wasm32-wasip1")

  cflags = ENV.fetch("KOBAKO_GUEST_CFLAGS").split
  conf.cc.command = ENV.fetch("KOBAKO_CLANG")
  conf.cc.flags = cflags
  # 64-bit integers and full-width floats (no word boxing); length caps off so
  # memory_limit alone bounds sizes.
  conf.cc.defines += ENV.fetch("KOBAKO_MRUBY_DEFINES").split
  conf.archiver.command = ENV.fetch("KOBAKO_AR")
  conf.linker.command = ENV.fetch("KOBAKO_CLANG")

  # The curated gem set of docs/behaviours.md §5. Deliberately absent: io, dir, socket,
  # sleep, exit, errno, print (kobako provides its own output layer), bin-*.
  %w[
    mruby-compiler mruby-eval mruby-sprintf
    mruby-string-ext mruby-array-ext mruby-hash-ext mruby-numeric-ext
    mruby-range-ext mruby-enum-ext mruby-symbol-ext mruby-kernel-ext
    mruby-object-ext mruby-proc-ext mruby-compar-ext mruby-class-ext
    mruby-toplevel-ext mruby-struct mruby-data mruby-set mruby-enumerator
    mruby-enum-lazy mruby-enum-chain mruby-fiber mruby-math mruby-rational
    mruby-complex mruby-bigint mruby-pack mruby-catch mruby-method mruby-error
    mruby-metaprog mruby-time mruby-random mruby-objectspace
  ].each { |name| conf.gem core: name }

  # Regexp (docs/regexp.md): kobako's own binding to Oniguruma (libonig.a,
  # built by wasm/onig_build.rb; its headers come in KOBAKO_ONIG_INCLUDE).
  conf.gem File.expand_path("mrbgems/kobako-regexp", __dir__)
end
