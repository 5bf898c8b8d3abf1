data = { status: "ok", items: [1, 2] }
[(data in { status: "ok" }), (data in { status: "error" }), (5 in Integer)]
