require "json"
raw = '[{"k":"a","v":1},{"k":"b","v":2},{"k":"a","v":3}]'
JSON.parse(raw).group_by { |r| r["k"] }.transform_values { |rs| rs.sum { |r| r["v"] } }.to_json
