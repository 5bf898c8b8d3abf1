# frozen_string_literal: true

# Pattern matching patches parse.y (pattern_*.rb), so the shipped y.tab.c
# must be regenerated. mruby-compiler's own rule for that is defined only
# while the "host" build loads the gem, which with wasm/mruby_config.rb's two
# builds never happens (its dependencies load later), so this adds the rule
# unconditionally. #line directives keep only the file name, so the output
# is the same wherever the tree lives (rake wasm:reproducible).
{
  file: "mrbgems/mruby-compiler/mrbgem.rake",
  find: <<~RAKE,
      build.libmruby_core_objs << objs
    end
  RAKE
  replace: <<~'RAKE'
      build.libmruby_core_objs << objs
    end

    file "#{__dir__}/core/y.tab.c" => "#{__dir__}/core/parse.y" do |t|
      MRuby.targets["host"].yacc.run t.name, t.prerequisites.first
      text = File.read(t.name).gsub(/^#line\s+\d+\s+"\K[^"]*(?="$)/) { |path| File.basename(path) }
      File.write(t.name, text)
    end
  RAKE
}
