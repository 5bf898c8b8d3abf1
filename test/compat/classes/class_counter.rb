class Widget
  @count = 0
  class << self
    attr_accessor :count
    def create(*args)
      self.count += 1
      new(*args)
    end
  end
  def initialize(label) = @label = label
end
3.times { |i| Widget.create("w#{i}") }
Widget.count
