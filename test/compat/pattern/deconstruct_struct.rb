Point = Struct.new(:x, :y)
case Point.new(0, 5)
in [0, y] then "on y axis at #{y}"
in [x, 0] then "on x axis at #{x}"
end
