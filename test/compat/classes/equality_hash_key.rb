class Coord
  attr_reader :lat, :lng
  def initialize(lat, lng) = (@lat, @lng = lat, lng)
  def ==(o) = o.is_a?(Coord) && lat == o.lat && lng == o.lng
  alias eql? ==
  def hash = [lat, lng].hash
end
visits = Hash.new(0)
[[1, 2], [3, 4], [1, 2]].each { |a, b| visits[Coord.new(a, b)] += 1 }
[visits.size, visits[Coord.new(1, 2)], [Coord.new(1, 2), Coord.new(1, 2)].uniq.size]
