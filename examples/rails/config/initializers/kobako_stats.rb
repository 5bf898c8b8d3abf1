# frozen_string_literal: true

# Counts this worker's kobako events (GET /stats), from the same
# ActiveSupport::Notifications stream the log subscriber reads.
KOBAKO_EVENTS = Concurrent::Map.new
ActiveSupport::Notifications.subscribe("eval.kobako") do |*, payload|
  KOBAKO_EVENTS.compute("eval") { |n| (n || 0) + 1 }
  KOBAKO_EVENTS.compute(payload[:error] || "ok") { |n| (n || 0) + 1 }
  KOBAKO_EVENTS.compute("service_calls") { |n| (n || 0) + payload[:usage].service_calls }
end
