plan = [[:find, "A-100"], [:restock, "A-100", 8], [:find, "A-100"]]
log = plan.map do |step, *args|
  result = App::Inventory.public_send(step, *args)
  result.is_a?(Hash) ? result["qty"] : result
end
log
