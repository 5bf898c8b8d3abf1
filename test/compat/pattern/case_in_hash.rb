def describe(event)
  case event
  in { type: "click", x:, y: } then "click at #{x},#{y}"
  in { type: "key", key: String => k } then "key #{k}"
  in { type: } then "other #{type}"
  end
end
[describe({ type: "click", x: 1, y: 2 }), describe({ type: "key", key: "q" }), describe({ type: "scroll" })]
