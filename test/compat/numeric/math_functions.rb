[Math.sqrt(16), Math.cbrt(27), Math.hypot(3, 4), Math.log2(1024), Math.log10(1000), Math::PI.floor(4), Math.log(Math::E)]
