class Version
  include Comparable
  attr_reader :parts
  def initialize(s) = @parts = s.split(".").map(&:to_i)
  def <=>(other) = parts <=> other.parts
  def to_s = parts.join(".")
end
vs = %w[1.10.0 1.2.3 1.2.10 0.9].map { |s| Version.new(s) }
puts vs.sort.map(&:to_s).join(" < ")
[vs.max.to_s, Version.new("2.0") > Version.new("1.99"), Version.new("1.5").between?(vs.min, vs.max)]
