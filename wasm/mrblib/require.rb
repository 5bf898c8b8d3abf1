# `require` and `require_relative` (docs/ruby.md, "require"). The guest reads
# no files, ever: `require` only answers for libraries the guest already
# carries (true the first time, false after, as CRuby does), and raises
# LoadError with CRuby's message for anything else.

class ScriptError < Exception; end unless Object.const_defined?(:ScriptError)

unless Object.const_defined?(:LoadError)
  class LoadError < ScriptError
    attr_accessor :path
  end
end

module Kobako
  # Feature name -> the libraries it stands for in $LOADED_FEATURES.
  # Loadable: what a CRuby script requires before use and the guest provides.
  LOADABLE_FEATURES = {
    "json" => "json.rb", "json/ext" => "json/ext.rb", "set" => "set.rb", "pp" => "pp.rb",
    "time" => "time.rb"
  }.freeze
  # Built into CRuby too: already in $LOADED_FEATURES, so require is false.
  BUILTIN_FEATURES = %w[enumerator.so thread.rb fiber.so rational.so complex.so].freeze
end

$LOADED_FEATURES = Kobako::BUILTIN_FEATURES.dup

module Kobako
  # "json.rb" and "json.so" name the same feature as "json".
  def self.__feature_key(name)
    name.end_with?(".rb", ".so") ? name[0, name.size - 3] : name
  end
end

module Kernel
  private

  def require(name)
    feature = name.to_str
    key = Kobako.__feature_key(feature)
    loaded = Kobako::LOADABLE_FEATURES[key] ||
             Kobako::BUILTIN_FEATURES.find { |f| Kobako.__feature_key(f) == key }
    unless loaded
      error = LoadError.new("cannot load such file -- #{feature}")
      error.path = feature
      raise error
    end
    return false if $LOADED_FEATURES.include?(loaded)

    $LOADED_FEATURES << loaded
    true
  end

  def require_relative(name)
    feature = name.to_str
    error = LoadError.new("cannot load such file -- #{feature}")
    error.path = feature
    raise error
  end

  def load(name, _wrap = false)
    feature = name.to_str
    error = LoadError.new("cannot load such file -- #{feature}")
    error.path = feature
    raise error
  end
end
