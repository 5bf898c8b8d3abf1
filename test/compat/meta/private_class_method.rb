class Conn
  def self.open = new
  private_class_method :new
end
err = begin
  Conn.new
rescue NoMethodError
  :private
end
[Conn.open.class, err]
