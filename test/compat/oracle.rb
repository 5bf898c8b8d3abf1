# frozen_string_literal: true

# The CRuby side of the compat corpus. Usage: ruby oracle.rb PROGRAM.rb...
# Forks once per program (a fresh interpreter state for each, like
# `ruby program.rb`, at a few milliseconds instead of ~50 per program), runs the
# wrapped source with stdout sent to a temporary file and writes
# {name => [stdout, value_inspect, error]} to stdout with Marshal.

require "tempfile"
require_relative "services"

DIR = __dir__

def wrapped(source)
  "__compat_value__ = begin\n#{source}\nend\n__compat_value__.inspect\n"
end

def run_one(path)
  out = Tempfile.new("compat-out")
  value = Tempfile.new("compat-value")
  pid = fork do
    $stdout.reopen(out.path, "w")
    $stderr.reopen(File::NULL, "w")
    source = File.read(path)
    Compat::Services.define_constants if Compat::Services.wanted?(source)
    result = begin
      [nil, TOPLEVEL_BINDING.eval(wrapped(source), path, 0)]
    rescue Exception => e # rubocop:disable Lint/RescueException
      ["#{e.class}: #{e.message}", nil]
    end
    $stdout.flush
    File.binwrite(value.path, Marshal.dump(result))
    exit!(0)
  end
  Process.wait(pid)
  error, inspected = Marshal.load(File.binread(value.path)) # rubocop:disable Security/MarshalLoad
  [File.binread(out.path).force_encoding("UTF-8"), inspected, error]
ensure
  out&.close!
  value&.close!
end

results = ARGV.to_h do |path|
  [path.delete_prefix("#{DIR}/").delete_suffix(".rb"), run_one(path)]
end
$stdout.binmode
$stdout.write(Marshal.dump(results))
