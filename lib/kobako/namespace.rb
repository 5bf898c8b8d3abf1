# frozen_string_literal: true

module Kobako
  # `sandbox.define(:KV)`: the guest sees each bound member as `KV::Member`.
  class Namespace
    attr_reader :name

    def initialize(name, catalog)
      @name = name
      @catalog = catalog
      @members = {}
    end

    # Binds `object` as `Name::Member` and returns the namespace, so binds chain.
    def bind(member, object)
      @catalog.check_open!("bind")
      key = Catalog.constant_name(member, "member name")
      raise ArgumentError, "#{@name}::#{key} is already bound" if @members.key?(key)

      @members[key] = object
      self
    end

    def members
      @members.dup.freeze
    end

    def inspect
      "#<Kobako::Namespace #{@name} #{@members.keys.join(', ')}>"
    end
  end
end
