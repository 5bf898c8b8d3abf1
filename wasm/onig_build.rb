# frozen_string_literal: true

require "digest"
require "fileutils"
require "json"

module KobakoGuestBuild
  # Builds build/onig/libonig.a, the Oniguruma regex engine behind the guest's
  # Regexp (docs/regexp.md), from the C source that the crates.io crate
  # onig_sys carries. The source is fetched at build time, never committed,
  # and compiled in place from cargo's registry with our own config.h
  # (wasm/onig-source/config.h); file-prefix maps keep the objects free of
  # machine paths, and the archive is written with ZERO_AR_DATE and a sorted
  # member list so it is byte-for-byte reproducible.
  module OnigBuild
    ONIG_MANIFEST_DIR = File.join(__dir__, "onig-source")

    # Only what the guest uses: the engine, the Ruby syntax table, the UTF-8
    # and ASCII encodings and Unicode case folding/properties (unicode.c
    # includes its data tables itself). Sorted: archive order is fixed.
    ONIG_SOURCES = %w[
      ascii.c regcomp.c regenc.c regerror.c regexec.c regparse.c regsyntax.c
      regtrav.c regversion.c st.c unicode.c unicode_fold1_key.c unicode_fold2_key.c
      unicode_fold3_key.c unicode_unfold_key.c utf8.c
    ].sort.freeze

    # The fetched src/ directory (holds oniguruma.h); cached per process.
    def onig_source_dir
      @onig_source_dir ||= locate_onig_source
    end

    def locate_onig_source
      manifest = File.join(ONIG_MANIFEST_DIR, "Cargo.toml")
      run!({}, "cargo", "fetch", "--locked", "--manifest-path", manifest)
      meta = JSON.parse(capture!({}, "cargo", "metadata", "--format-version", "1", "--locked",
                                 "--manifest-path", manifest))
      crate = meta.fetch("packages").find { |p| p["name"] == "onig_sys" } or abort "onig_sys not in metadata"
      src = File.join(File.dirname(crate.fetch("manifest_path")), "oniguruma", "src")
      abort "no Oniguruma source in #{src}" unless File.exist?(File.join(src, "oniguruma.h"))

      src
    end

    def onig_lib = File.join(KobakoGuestBuild::ONIG_OUT, "libonig.a")

    # Oniguruma needs no setjmp, so no exception-handling flags; the same
    # target, libc headers and reproducibility maps as the rest of the guest.
    def onig_cflags(src)
      cflags.reject { |f| f.start_with?("-mexception-handling", "-wasm-", "-mllvm") } +
        ["-ffile-prefix-map=#{File.dirname(src)}=/onig", "-w",
         "-I", ONIG_MANIFEST_DIR, "-I", src]
    end

    def build_onig
      src = onig_source_dir
      flags = onig_cflags(src)
      stamp = File.join(KobakoGuestBuild::ONIG_OUT, ".kobako-settings")
      wanted = Digest::SHA256.hexdigest([flags, ONIG_SOURCES, File.read(File.join(ONIG_MANIFEST_DIR, "config.h"))]
                                          .flatten.join("\n"))
      return if File.exist?(onig_lib) && File.exist?(stamp) && File.read(stamp) == wanted

      FileUtils.rm_rf(KobakoGuestBuild::ONIG_OUT)
      FileUtils.mkdir_p(KobakoGuestBuild::ONIG_OUT)
      archive_onig(src, flags)
      File.write(stamp, wanted)
    end

    def archive_onig(src, flags)
      objects = ONIG_SOURCES.map do |file|
        obj = File.join(KobakoGuestBuild::ONIG_OUT, file.sub(/\.c\z/, ".o"))
        run!({}, clang, *flags, "-c", File.join(src, file), "-o", obj)
        obj
      end
      run!({ "ZERO_AR_DATE" => "1" }, archiver, "rcsD", onig_lib, *objects)
    end
  end
end
