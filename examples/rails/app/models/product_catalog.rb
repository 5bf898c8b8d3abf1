# frozen_string_literal: true

# A model-like Service: plain Ruby, no database. Its public methods are what
# scripts can call; everything else is refused by kobako.
class ProductCatalog
  PRODUCTS = [
    { "id" => 1, "name" => "Teapot", "price" => 25 },
    { "id" => 2, "name" => "Kettle", "price" => 40 },
    { "id" => 3, "name" => "Tea cup", "price" => 8 }
  ].freeze

  def find(id)
    PRODUCTS.find { |product| product["id"] == id } or raise KeyError, "no product #{id}"
  end

  def search(term)
    PRODUCTS.select { |product| product["name"].downcase.include?(term.to_s.downcase) }
  end

  def count = PRODUCTS.size

  private

  def supplier_password = "hunter2"
end
