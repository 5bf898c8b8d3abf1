# frozen_string_literal: true

module Kobako
  # An opaque reference to a host object lent to the guest for one invocation
  # (wire ext type 1). Only the codec mints Handles, so `new` is private.
  class Handle
    # Ids travel as 4-byte unsigned integers; 0 is never issued.
    MAX_ID = (2**32) - 1

    attr_reader :id

    def self.from_wire(id)
      new(id)
    end

    def initialize(id)
      unless id.is_a?(Integer) && id.between?(1, MAX_ID)
        raise ArgumentError, "handle id must be an Integer in 1..#{MAX_ID}"
      end

      @id = id
      freeze
    end
    private_class_method :new

    def ==(other)
      other.is_a?(Handle) && other.id == id
    end
    alias eql? ==

    def hash
      [Handle, id].hash
    end

    def inspect
      "#<Kobako::Handle #{id}>"
    end
    alias to_s inspect
  end
end
