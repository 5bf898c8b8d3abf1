# frozen_string_literal: true

# kobako's Regexp, MatchData and the pattern-taking String/Symbol/Enumerable
# methods (docs/regexp.md): C binding to Oniguruma in src/, Ruby surface in
# mrblib/. wasm/build.rb builds libonig.a and passes its header directory.
MRuby::Gem::Specification.new("kobako-regexp") do |spec|
  spec.license = "MIT"
  spec.author = "kobako"
  spec.summary = "Regexp with Ruby's semantics on Oniguruma"
  spec.cc.include_paths << ENV.fetch("KOBAKO_ONIG_INCLUDE")
  # Loaded after the String/Symbol/Enumerable methods it wraps.
  %w[mruby-string-ext mruby-symbol-ext mruby-enum-ext].each { |gem| spec.add_dependency gem, core: gem }
end
