module Validations
  def self.included(base) = base.extend(ClassMethods)
  module ClassMethods
    def validates(*fields) = (@validated ||= []).concat(fields)
    def validated = @validated
  end
  def valid? = self.class.validated.all? { |f| !send(f).nil? }
end
class User
  include Validations
  attr_accessor :name, :email
  validates :name, :email
end
u = User.new
u.name = "ann"
[User.validated, u.valid?, (u.email = "a@b") && u.valid?]
