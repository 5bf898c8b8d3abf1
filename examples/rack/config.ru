# frozen_string_literal: true

# A Rack app that evaluates the request body as mruby, one Sandbox per Puma
# worker thread, through a Pool built before Puma forks (preload_app!).
require "kobako"
require "json"

POOL = Kobako::Pool.new(slots: 4, timeout: 2.0) do |sandbox|
  sandbox.define(:App).bind(:Pid, -> { Process.pid })
end

APP = lambda do |env|
  code = env["rack.input"].read
  result = POOL.with { |sandbox| sandbox.eval(code) }
  [200, { "content-type" => "application/json" }, [JSON.generate(result: result, pid: Process.pid)]]
rescue Kobako::Error => e
  [422, { "content-type" => "application/json" }, [JSON.generate(error: e.class.name, message: e.message)]]
end

run APP
