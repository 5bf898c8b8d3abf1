require "json"
[JSON.generate("caf\u00e9 \u2603"), JSON.parse('"\\u00e9\\n"')]
