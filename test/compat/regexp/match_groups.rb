m = "2026-12-02".match(/(\d+)-(\d+)-(\d+)/)
[m[1], m[2].to_i, m.captures]
