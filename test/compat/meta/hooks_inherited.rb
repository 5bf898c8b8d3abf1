class Base
  @subclasses = []
  class << self
    attr_reader :subclasses
    def inherited(k)
      super
      Base.subclasses << k.name
    end
  end
end
class One < Base; end
class Two < Base; end
Base.subclasses
