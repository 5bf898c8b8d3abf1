# frozen_string_literal: true

# POST /scripts runs the request body as mruby; GET /stats reports this
# worker's kobako events.
class ScriptsController < ActionController::API
  STATUS = {
    Kobako::TimeoutError => :request_timeout,
    Kobako::MemoryLimitError => :payload_too_large,
    Kobako::TrapError => :service_unavailable,
    Kobako::Error => :unprocessable_entity
  }.freeze

  def create
    filename = params.fetch(:filename, "request.rb")
    Kobako.pool.with do |sandbox|
      value = sandbox.eval(request.raw_post, filename: filename)
      render json: { value: value, stdout: sandbox.stdout, pid: Process.pid, events: KOBAKO_EVENTS["eval"] }
    end
  rescue Kobako::Error => e
    render status: STATUS.find { |klass, _| e.is_a?(klass) }.last,
           json: { error: e.class.name, message: e.message, backtrace: e.backtrace.first(3),
                   pid: Process.pid, events: KOBAKO_EVENTS["eval"] }
  end

  def stats
    render json: { pid: Process.pid, events: KOBAKO_EVENTS.each_pair.to_h }
  end
end
