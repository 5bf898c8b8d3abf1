[15.clamp(1..10), -3.clamp(0..), 7.clamp(..5)]
