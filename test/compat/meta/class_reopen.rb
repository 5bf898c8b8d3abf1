class String
  def shout = upcase + "!"
end
class Integer
  def minutes = self * 60
end
["hey".shout, 5.minutes]
