class Settings
  %w[host port user].each do |name|
    define_method(name) { instance_variable_get("@#{name}") }
    define_method("#{name}=") { |v| instance_variable_set("@#{name}", v) }
  end
end
s = Settings.new
s.host = "example.org"
s.port = 443
[s.host, s.port, s.user, s.instance_variables.sort]
