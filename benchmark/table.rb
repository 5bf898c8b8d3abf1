# frozen_string_literal: true

# Prints a results file as the Markdown table used in benchmark/README.md:
#   ruby benchmark/table.rb [benchmark/results/<date>.json]
require "json"

path = ARGV[0] || Dir[File.join(__dir__, "results", "*.json")].max
report = JSON.parse(File.read(path))
puts "Run of #{report['at']} (commit #{report['commit']}), #{report['ruby']}, #{report.dig('machine', 'cpus')} CPUs."
puts
puts "| row | median | p10 | p90 | unit | n |"
puts "|---|---:|---:|---:|---|---:|"
report["rows"].each do |row|
  cells = %w[median p10 p90].map { |key| format(row[key] < 10 ? "%.2f" : "%.1f", row[key]) }
  puts "| #{row['name'].gsub('|', '\\|')} | #{cells.join(' | ')} | #{row['unit']} | #{row['n']} |"
end
