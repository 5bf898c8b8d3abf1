class Animal
  attr_reader :name
  def initialize(name) = @name = name
  def speak = "..."
  def intro = "#{name} says #{speak}"
end
class Dog < Animal
  def speak = "woof"
end
class Puppy < Dog
  def speak = super + "!"
end
[Animal.new("x").intro, Dog.new("rex").intro, Puppy.new("bit").intro, Puppy.ancestors.take(3)]
