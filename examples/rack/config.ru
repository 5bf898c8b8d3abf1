# frozen_string_literal: true

# A Rack app that evaluates the request body as mruby, one Sandbox per Puma
# worker thread, from Kobako.pool: each worker builds its own pool at its
# first request (docs/deployment.md, "Fork safety").
require "kobako"
require "json"

Kobako.configure do |c|
  c.pool_size = 4
  c.sandbox = { timeout: 2.0 }
  c.setup { |sandbox| sandbox.define(:App).bind(:Pid, -> { Process.pid }) }
end
# Loaded with preload_app!, this runs in the Puma master: the guest module
# is compiled (or read from the disk cache) once, before the workers fork,
# and they inherit it.
Kobako.warm!

APP = lambda do |env|
  code = env["rack.input"].read
  result = Kobako.pool.with { |sandbox| sandbox.eval(code) }
  [200, { "content-type" => "application/json" }, [JSON.generate(result: result, pid: Process.pid)]]
rescue Kobako::Error => e
  [422, { "content-type" => "application/json" }, [JSON.generate(error: e.class.name, message: e.message)]]
end

run APP
