class InsufficientFunds < StandardError; end
class Account
  attr_reader :balance, :history
  def initialize(balance = 0)
    @balance = balance
    @history = []
  end
  def deposit(amount)
    @balance += amount
    @history << [:deposit, amount]
    self
  end
  def withdraw(amount)
    raise InsufficientFunds, "balance #{@balance} < #{amount}" if amount > @balance
    @balance -= amount
    @history << [:withdraw, amount]
    self
  end
end
acct = Account.new(100).deposit(50).withdraw(30)
begin
  acct.withdraw(500)
rescue InsufficientFunds => e
  puts "refused: #{e.message}"
end
[acct.balance, acct.history]
