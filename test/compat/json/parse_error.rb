require "json"
begin
  JSON.parse("{bad json}")
rescue JSON::ParserError => e
  e.class.name
end
