[2.5.round(half: :even), 2.5.round(half: :up), 3.5.round(half: :down), 1234.567.round(-2), 1234.round(-2)]
