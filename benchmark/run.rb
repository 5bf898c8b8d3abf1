# frozen_string_literal: true

# kobako benchmarks: every row is timed as N samples, reported as median /
# p10 / p90, next to baselines measured in the same run (benchmark/README.md).
#
#   ruby -Ilib benchmark/run.rb            # full run, writes benchmark/results/<date>.json
#   ruby -Ilib benchmark/run.rb --smoke    # a few samples per row, checks the rows still run
require "kobako"
require_relative "harness"
Dir[File.join(__dir__, "rows", "*.rb")].each { |file| require file }

groups = [
  KobakoBench::InvocationRows, KobakoBench::ServiceRows, KobakoBench::ValueRows,
  KobakoBench::BaselineRows, KobakoBench::ProcessRows, KobakoBench::ConcurrencyRows,
  KobakoBench::OutputRows, KobakoBench::CodeModeRows, KobakoBench::VmRows
]
rows = groups.flat_map do |group|
  group.rows.each do |row|
    printf("%<name>-70s median %<median>11.2f  p10 %<p10>11.2f  p90 %<p90>11.2f  %<unit>s (n=%<n>d)\n", **row.to_h)
  end
end
unless KobakoBench::SMOKE
  path = File.join(KobakoBench::ROOT, "benchmark", "results", "#{Time.now.utc.strftime('%Y-%m-%d')}.json")
  File.write(path, JSON.pretty_generate(KobakoBench.report(rows)))
  puts "wrote #{path}"
end
