orig = { list: [1, 2], name: "x" }
copy = Marshal.load(Marshal.dump(orig)) rescue orig.transform_values(&:dup)
copy[:list] << 3
[orig[:list], copy[:list]]
