queue = []
served = []
events = [[:arrive, "a"], [:arrive, "b"], [:serve], [:arrive, "c"], [:serve], [:serve], [:serve]]
events.each do |ev, who|
  case ev
  when :arrive then queue.push(who)
  when :serve then served << (queue.shift || :idle)
  end
end
[served, queue]
