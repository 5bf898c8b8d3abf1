module Currency
  def self.format(cents) = "$#{cents / 100}.#{(cents % 100).to_s.rjust(2, '0')}"
end
[Currency.format(1234), Currency.format(5), Currency.respond_to?(:format)]
