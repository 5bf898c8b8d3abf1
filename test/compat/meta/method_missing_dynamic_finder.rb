class Repo
  ROWS = [{ name: "ann", role: "dev" }, { name: "bob", role: "ops" }].freeze
  def method_missing(name, *args)
    if name.to_s.start_with?("find_by_")
      key = name.to_s.delete_prefix("find_by_").to_sym
      ROWS.find { |r| r[key] == args.first }
    else
      super
    end
  end
  def respond_to_missing?(name, priv = false) = name.to_s.start_with?("find_by_") || super
end
r = Repo.new
[r.find_by_role("ops"), r.find_by_name("zed"), r.respond_to?(:find_by_name)]
