[5.clamp(..3), 5.clamp(7..), 2.5.clamp(1.0..2.0), "b".clamp("c".."e"), (begin; 5.clamp(1...3); rescue ArgumentError => e; e.class; end)]
