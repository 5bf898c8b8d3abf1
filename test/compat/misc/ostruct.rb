require "ostruct"
o = OpenStruct.new(name: "ann", age: 3)
o.age += 1
[o.name, o.age, o.to_h]
