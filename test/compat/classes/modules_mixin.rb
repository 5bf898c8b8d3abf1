module Greet
  def greet = "hi, I'm #{name}"
end
module Shout
  def greet = super.upcase
end
class Person
  include Greet
  include Shout
  attr_reader :name
  def initialize(n) = @name = n
end
p1 = Person.new("ann")
[p1.greet, Person.include?(Greet), Person.ancestors.first(3)]
