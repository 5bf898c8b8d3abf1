def primes(n)
  sieve = Array.new(n + 1, true)
  sieve[0] = sieve[1] = false
  (2..Integer.sqrt(n)).each { |i| (i * i).step(n, i) { |j| sieve[j] = false } if sieve[i] }
  sieve.each_index.select { |i| sieve[i] }
end
ps = primes(100)
[ps.size, ps.last(5), ps.sum]
