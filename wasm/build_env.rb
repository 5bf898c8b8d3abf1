# frozen_string_literal: true

require "open3"

module KobakoGuestBuild
  # Where the tools are and how they are called; used by wasm/build.rb.
  module BuildEnv
    def target_dir
      ENV["CARGO_TARGET_DIR"] || File.join(Dir.home, ".cache", "kobako-target")
    end

    # SOURCE_DATE_EPOCH makes wasmtime's build scripts rerun (measured: ~80 s per build).
    def cargo_env
      { "CARGO_TARGET_DIR" => target_dir, "SOURCE_DATE_EPOCH" => nil }
    end

    def run!(env, *cmd, chdir: KobakoGuestBuild::ROOT)
      puts "+ #{cmd.join(' ')}"
      system(env, *cmd, chdir: chdir, exception: true)
    end

    def capture!(env, *cmd)
      out, status = Open3.capture2(env, *cmd, chdir: KobakoGuestBuild::ROOT)
      raise "#{cmd.join(' ')} failed" unless status.success?

      out
    end

    def tool(*names)
      names.each do |name|
        path = ENV.fetch("PATH", "").split(File::PATH_SEPARATOR).map { |d| File.join(d, name) }
                  .find { |p| File.executable?(p) }
        return path if path
      end
      abort "wasm/build.rb: none of #{names.join(', ')} found; run bin/setup"
    end

    def clang = @clang ||= tool("clang-22")
    def archiver = @archiver ||= tool("llvm-ar-22", "llvm-ar-19", "llvm-ar")

    def cflags
      resource = capture!({}, clang, "-print-resource-dir").strip
      [
        "--target=#{KobakoGuestBuild::TRIPLE}", "-O2", "-nostdinc",
        "-isystem", File.join(resource, "include"),
        "-isystem", File.join(KobakoGuestBuild::WASM_DIR, "include"),
        "-isystem", "/usr/include/wasm32-wasi",
        # setjmp/longjmp (mruby's raise) lowered to Wasm exceptions, exnref form.
        "-mexception-handling", "-mllvm", "-wasm-enable-sjlj", "-mllvm", "-wasm-use-legacy-eh=false",
        # Reproducible regardless of where the checkout lives.
        "-ffile-prefix-map=#{KobakoGuestBuild::ROOT}=/kobako",
        "-ffile-prefix-map=#{KobakoGuestBuild::MRUBY_SRC}=/mruby",
        "-fno-ident"
      ]
    end
  end
end
