CONFIG = { "mode" => "prod" }.freeze
begin
  CONFIG["mode"] = "dev"
rescue FrozenError => e
  e.class
rescue => e
  [:other, e.class]
end
