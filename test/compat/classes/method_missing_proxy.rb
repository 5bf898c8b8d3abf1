class Recorder
  def initialize = @calls = []
  attr_reader :calls
  def method_missing(name, *args)
    @calls << [name, args]
    self
  end
  def respond_to_missing?(*) = true
end
r = Recorder.new.foo(1).bar.baz("x", 2)
[r.calls, r.respond_to?(:anything)]
