# frozen_string_literal: true

require_relative "lib/kobako/version"

# `gem build` must never package a missing or stale guest: such a gem installs
# and then fails at every Sandbox.new. (`rake build` rebuilds the guest first;
# Bundler's git: and path: sources load this file without building a gem, so
# the check runs only under `gem build`.)
if defined?(Gem::Commands::BuildCommand)
  wasm = File.join(__dir__, "data", "kobako.wasm")
  inputs = Dir[File.join(__dir__, "{wasm,tools/bake}", "**", "*")].reject { |f| f.include?("/target/") }
  inputs << File.join(__dir__, "ext", "kobako", "src", "wire", "status_table.rs") # included by the guest
  newest = inputs.select { |f| File.file?(f) }.map { |f| File.mtime(f) }.max
  unless File.exist?(wasm) && (newest.nil? || File.mtime(wasm) >= newest)
    abort "kobako.gemspec: data/kobako.wasm is #{File.exist?(wasm) ? 'older than the guest sources' : 'missing'}; " \
          "run `rake build` (or `rake wasm:build` before `gem build`)"
  end
end

Gem::Specification.new do |spec|
  spec.name = "kobako"
  spec.version = Kobako::VERSION
  spec.authors = ["kobako authors"]
  spec.summary = "Run untrusted mruby code in an in-process WebAssembly sandbox"
  spec.description = <<~DESC.tr("\n", " ").strip
    kobako evaluates untrusted Ruby (mruby) inside a wasmtime WebAssembly sandbox in the
    host process, with wall-clock, memory and output caps, and explicit host Services as the
    only way out.
  DESC
  spec.license = "MIT"
  spec.required_ruby_version = ">= 3.1"
  spec.metadata["rubygems_mfa_required"] = "true"

  # A Dir glob rather than `git ls-files`, so the gem builds from an exported
  # tree too. The guest artifact ships prebuilt, so installing the gem needs a
  # Rust toolchain for the extension but no WASI toolchain. The other workspace
  # members' manifests and sources ship only because cargo loads every member
  # of the workspace; they are not built at install time.
  spec.files = Dir[
    "lib/**/*.rb", "lib/**/*.rake", "exe/*", "sig/**/*.rbs", "data/kobako.wasm",
    "ext/kobako/Cargo.toml", "ext/kobako/extconf.rb", "ext/kobako/build.rs", "ext/kobako/src/**/*.rs",
    "wasm/Cargo.toml", "wasm/build.rs", "wasm/src/**/*.rs",
    "tools/bake/Cargo.toml", "tools/bake/src/**/*.rs",
    "Cargo.toml", "Cargo.lock", "README.md", "CHANGELOG.md", "LICENSE", "docs/*.md"
  ]
  spec.require_paths = ["lib"]
  spec.bindir = "exe"
  spec.executables = ["kobako"]
  spec.extensions = ["ext/kobako/extconf.rb"]
end
