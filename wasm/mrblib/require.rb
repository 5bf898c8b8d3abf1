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
  # Feature name -> what loading it adds to $LOADED_FEATURES, itself first
  # (json.rb loads json/ext, as in CRuby). Loadable: what a CRuby script
  # requires before use and the guest provides.
  LOADABLE_FEATURES = {
    "json" => %w[json.rb json/ext.rb], "json/ext" => %w[json/ext.rb], "set" => %w[set.rb],
    "pp" => %w[pp.rb], "time" => %w[time.rb], "ostruct" => %w[ostruct.rb]
  }.freeze
  # Feature -> the lambda that defines what it adds, for libraries whose
  # constants exist only once required (ostruct.rb).
  LIBRARIES = {} unless const_defined?(:LIBRARIES)
  # Built into CRuby too: already in $LOADED_FEATURES, so require is false.
  BUILTIN_FEATURES = %w[enumerator.so thread.rb fiber.so rational.so complex.so].freeze
end

$LOADED_FEATURES = Kobako::BUILTIN_FEATURES.dup
$" = $LOADED_FEATURES # the same Array, as CRuby's alias

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
    loads = Kobako::LOADABLE_FEATURES[key] ||
            Kobako::BUILTIN_FEATURES.select { |f| Kobako.__feature_key(f) == key }
    if loads.empty?
      error = LoadError.new("cannot load such file -- #{feature}")
      error.path = feature
      raise error
    end
    return false if $LOADED_FEATURES.include?(loads[0])

    loads.each do |f|
      next if $LOADED_FEATURES.include?(f)

      $LOADED_FEATURES << f
      Kobako::LIBRARIES[f]&.call
    end
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
