class ValidationError < StandardError
  attr_reader :errors
  def initialize(errors)
    @errors = errors
    super("#{errors.size} errors: #{errors.join('; ')}")
  end
end
def validate(user)
  errs = []
  errs << "name missing" if user[:name].to_s.empty?
  errs << "age must be positive" unless user[:age].to_i.positive?
  raise ValidationError, errs unless errs.empty?
  :valid
end
[{ name: "ann", age: 3 }, { name: "", age: -1 }].map do |u|
  validate(u)
rescue ValidationError => e
  e.message
end
