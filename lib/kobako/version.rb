# frozen_string_literal: true

module Kobako
  VERSION = "0.1.0"
end
