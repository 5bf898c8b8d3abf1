# frozen_string_literal: true

# Plain Ruby objects the "code mode" agent programs call (test/compat/agent/).
# The same fresh instances are bound in both runs: as constants of a module
# App in CRuby, and as Services of the namespace App in the Sandbox. They
# return only values the wire carries, and hold no clock or randomness.

module Compat
  module Services
    class Inventory
      ITEMS = [
        { "sku" => "A-100", "name" => "Widget", "qty" => 12, "price" => 2.5, "tags" => %w[metal small] },
        { "sku" => "B-200", "name" => "Gadget", "qty" => 0, "price" => 19.99, "tags" => %w[plastic] },
        { "sku" => "C-300", "name" => "Doohickey", "qty" => 5, "price" => 7.25, "tags" => %w[metal large] },
        { "sku" => "D-400", "name" => "Sprocket", "qty" => 40, "price" => 0.75, "tags" => %w[metal small] },
        { "sku" => "E-500", "name" => "Gizmo", "qty" => 3, "price" => 120.0, "tags" => %w[electronic] }
      ].freeze

      def initialize
        @items = ITEMS.map { |item| item.merge("tags" => item["tags"].dup) }
      end

      def items = @items.map(&:dup)

      def find(sku) = @items.find { |item| item["sku"] == sku }&.dup

      def restock(sku, amount)
        item = @items.find { |i| i["sku"] == sku } or raise ArgumentError, "unknown sku #{sku}"
        item["qty"] += amount
      end
    end

    class Weather
      DATA = { "Oslo" => [-3, 1, 4], "Lima" => [19, 22, 24], "Cairo" => [28, 33, 35], "Quito" => [11, 14, 17] }.freeze

      def cities = DATA.keys

      def forecast(city, days: 3)
        temps = DATA.fetch(city) { raise KeyError, "no forecast for #{city}" }
        { city: city, temps: temps.first(days), unit: "C" }
      end
    end

    class Users
      PEOPLE = [
        { id: 1, name: "Ada Lovelace", email: "ada@example.com", role: "admin", active: true },
        { id: 2, name: "Alan Turing", email: "alan@example.com", role: "dev", active: true },
        { id: 3, name: "Grace Hopper", email: "grace@example.org", role: "dev", active: false },
        { id: 4, name: "Linus Torvalds", email: "linus@example.net", role: "ops", active: true },
        { id: 5, name: "Barbara Liskov", email: "barbara@example.org", role: "dev", active: true }
      ].freeze

      def list = PEOPLE.map(&:dup)

      def find(id) = PEOPLE.find { |p| p[:id] == id }&.dup

      def search(name: nil, role: nil)
        PEOPLE.select { |p| (name.nil? || p[:name].include?(name)) && (role.nil? || p[:role] == role) }.map(&:dup)
      end
    end

    class Orders
      ROWS = [
        ["o-1", 1, "A-100", 3, "paid"], ["o-2", 2, "C-300", 1, "paid"], ["o-3", 1, "D-400", 10, "refunded"],
        ["o-4", 4, "E-500", 1, "pending"], ["o-5", 5, "A-100", 2, "paid"], ["o-6", 2, "D-400", 4, "paid"],
        ["o-7", 3, "B-200", 1, "cancelled"], ["o-8", 5, "E-500", 2, "paid"]
      ].freeze

      def recent(limit: 5)
        ROWS.last(limit).reverse.map do |id, user, sku, qty, status|
          { "id" => id, "user_id" => user, "sku" => sku, "qty" => qty, "status" => status }
        end
      end

      def count_by_status = ROWS.map(&:last).tally
    end

    # A tiny key-value store; its state lives for one program.
    class Store
      def initialize
        @data = { "greeting" => "hello", "count" => 0 }
      end

      def get(key) = @data[key]

      def set(key, value)
        @data[key] = value
        true
      end

      def keys = @data.keys.sort

      def incr(key, by: 1) = (@data[key] = @data.fetch(key, 0) + by)
    end

    # Records what it "sends"; returns an id per message.
    class Mailer
      def initialize
        @outbox = []
      end

      def deliver(to:, subject:, body: "")
        raise ArgumentError, "bad address #{to}" unless to.include?("@")

        @outbox << { to: to, subject: subject, body: body }
        "msg-#{@outbox.size}"
      end

      def outbox = @outbox.map(&:dup)
    end

    class Search
      DOCS = {
        "ruby" => ["Ruby is a dynamic language", "mruby is a lightweight Ruby"],
        "wasm" => ["WebAssembly runs in a sandbox", "wasmtime is a runtime for wasm"],
        "sandbox" => ["A sandbox isolates untrusted code"]
      }.freeze

      def query(term, limit: 10)
        hits = DOCS.flat_map do |topic, texts|
          texts.select { |t| t.downcase.include?(term.downcase) }.map { |t| { "topic" => topic, "text" => t } }
        end
        hits.first(limit)
      end

      def topics = DOCS.keys
    end

    FACTORIES = {
      Inventory: Inventory, Weather: Weather, Users: Users, Orders: Orders, Store: Store, Mailer: Mailer, Search: Search
    }.freeze

    module_function

    def wanted?(source) = source.include?("App::")

    def fresh = FACTORIES.transform_values(&:new)

    def define_constants
      app = Module.new
      fresh.each { |name, object| app.const_set(name, object) }
      Object.const_set(:App, app)
    end

    def bind(sandbox)
      namespace = sandbox.define(:App)
      fresh.each { |name, object| namespace.bind(name, object) }
    end
  end
end
