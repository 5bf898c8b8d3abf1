class Greeter
  def hello(n) = "hello #{n}"
  alias_method :hello_plain, :hello
  def hello(n) = hello_plain(n).upcase
end
[Greeter.new.hello("ann"), Greeter.new.hello_plain("ann"), Greeter.instance_methods(false).sort]
