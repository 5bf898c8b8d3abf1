module Util
  module_function
  def double(x) = x * 2
  def triple(x) = x * 3
end
[Util.double(2), Util.triple(3)]
