LIMIT = 3
$counter = 0
def bump = $counter += 1
LIMIT.times { bump }
[$counter, defined?(LIMIT), defined?(@nope), defined?(puts)]
