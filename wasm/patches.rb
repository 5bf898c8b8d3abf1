# frozen_string_literal: true

require "digest"

module KobakoGuestBuild
  # Our own fixes for mruby bugs (wasm/patches/*.rb), applied to the fetched
  # tree: each file evaluates to { file:, find:, replace: }, or to
  # { file:, edits: [[find, replace], ...] } for several edits of one file,
  # or to an Array of those (hunks in several files).
  module Patches
    PATCH_DIR = File.join(__dir__, "patches")

    def patches
      Dir[File.join(PATCH_DIR, "*.rb")].map do |path|
        [path, eval(File.read(path), binding, path)] # rubocop:disable Security/Eval
      end
    end

    def patch_digest
      Digest::SHA256.hexdigest(patches.map { |path, _| File.read(path) }.join)
    end

    def apply_patches(tree)
      patches.each do |path, hunks|
        [hunks].flatten.each do |patch|
          file = File.join(tree, patch.fetch(:file))
          text = File.read(file)
          (patch[:edits] || [[patch[:find], patch[:replace]]]).each do |find, replace|
            unless text.include?(find)
              abort "wasm/build.rb: #{File.basename(path)} no longer applies to #{patch[:file]}"
            end

            text = text.sub(find) { replace }
          end
          File.write(file, text)
        end
      end
    end
  end
end
