# frozen_string_literal: true

module Kobako
  # What the last invocation consumed (B-35). Frozen; compared by value.
  class Usage
    attr_reader :wall_time, :memory_peak, :service_calls

    def initialize(wall_time: 0.0, memory_peak: 0, service_calls: 0)
      @wall_time = Float(wall_time)
      @memory_peak = Integer(memory_peak)
      @service_calls = Integer(service_calls)
      freeze
    end

    ZERO = new

    def to_h
      { wall_time: wall_time, memory_peak: memory_peak, service_calls: service_calls }
    end

    def ==(other)
      other.is_a?(Usage) && to_h == other.to_h
    end
    alias eql? ==

    def hash
      [Usage, wall_time, memory_peak, service_calls].hash
    end

    def inspect
      "#<Kobako::Usage wall_time=#{wall_time} memory_peak=#{memory_peak} service_calls=#{service_calls}>"
    end
  end
end
