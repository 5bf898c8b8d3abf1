# frozen_string_literal: true

# What the scripts may reach: the product catalog, as Shop::Products.
Rails.application.config.kobako.setup do |sandbox|
  sandbox.define(:Shop).bind(:Products, ProductCatalog.new)
end
