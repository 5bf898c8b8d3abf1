(1..25).inject(:*)
