begin
  raise IndexError, "out"
rescue
  [$!.class, $!.message]
end
