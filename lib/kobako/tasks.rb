# frozen_string_literal: true

# `require "kobako/tasks"` in a Rakefile (outside Rails) adds `rake
# kobako:warm`; a Rails app gets it from Kobako::Railtie.
load File.expand_path("tasks/kobako.rake", __dir__)
