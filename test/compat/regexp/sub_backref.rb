["John Smith".sub(/(\w+) (\w+)/, '\2, \1'), "aaa".sub(/a/, "b"), "x-y-z".tr("-", "_")]
