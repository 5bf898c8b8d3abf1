# frozen_string_literal: true

require_relative "hostile_helper"

# A Service whose methods change in the middle of an invocation. The host
# remembers what a (target, name) resolved to for the rest of the invocation
# (Transport::Resolutions); every call must still be judged against the
# method as it is at that call: made private, removed, redefined, shadowed
# by a prepended module, turned into an alias of a surface method, moved
# onto the surface, or narrowed by respond_to_guest?.
class HostileChangingMethodsTest < HostileTest
  # Each `change_*` rewrites its own singleton class; a fresh one per test.
  class Shifty
    def initialize
      @api_key = Hostile::SECRET
      @allowed = true
    end

    def value = 1
    def peek(name = :@api_key) = name.to_s

    def change_privacy = singleton_class.send(:private, :value)
    def change_removal = singleton_class.send(:undef_method, :value)
    def change_definition = define_singleton_method(:value) { 2 }
    def change_alias = singleton_class.send(:alias_method, :peek, :instance_variable_get)
    def change_prepend = singleton_class.prepend(Module.new { def value = 3 })
    def change_narrow = @allowed = false

    def respond_to_guest?(name) = @allowed || name != :value
  end

  # Mixed into Object mid-invocation by the last test: its method joins the
  # reflection surface from then on.
  module LateSurface
    def late_surface_probe = :reached
  end

  # Owns late_surface_probe, like a host class that includes a helper module.
  class Prober
    include LateSurface

    def change_surface = Object.include(LateSurface)
  end

  def setup
    @shifty = Shifty.new
    @sb = hostile_sandbox({ Dyn: { Shifty: @shifty, Prober: Prober.new } })
  end

  # The value before the change, then what the same call meets after it.
  def before_and_after(change, call = "Dyn::Shifty.value")
    <<~RUBY
      before = #{call}
      Dyn::Shifty.#{change}
      after = begin
        #{call}
      rescue Kobako::ServiceError => e
        e.class.name
      end
      [before, after]
    RUBY
  end

  def test_a_method_made_private_mid_invocation_is_refused
    attempt_value(@sb, before_and_after(:change_privacy), [1, "Kobako::NoServiceError"])
  end

  def test_a_method_removed_mid_invocation_is_refused
    attempt_value(@sb, before_and_after(:change_removal), [1, "Kobako::NoServiceError"])
  end

  def test_a_method_redefined_mid_invocation_runs_its_new_definition
    attempt_value(@sb, before_and_after(:change_definition), [1, 2])
  end

  def test_a_prepended_module_mid_invocation_is_called
    attempt_value(@sb, before_and_after(:change_prepend), [1, 3])
  end

  def test_a_name_turned_into_a_surface_alias_mid_invocation_is_refused
    attempt_value(@sb, before_and_after(:change_alias, "Dyn::Shifty.peek(:@api_key)"),
                  ["@api_key", "Kobako::NoServiceError"])
  end

  def test_respond_to_guest_is_asked_at_every_call
    attempt_value(@sb, before_and_after(:change_narrow), [1, "Kobako::NoServiceError"])
  end

  def test_a_module_mixed_into_object_mid_invocation_takes_its_methods_off_the_guest
    script = <<~RUBY
      before = Dyn::Prober.late_surface_probe
      Dyn::Prober.change_surface
      after = begin
        Dyn::Prober.late_surface_probe
      rescue Kobako::NoServiceError => e
        e.class.name
      end
      [before, after]
    RUBY
    attempt_value(@sb, script, [:reached, "Kobako::NoServiceError"])
  end

  def test_a_refused_name_stays_refused_for_the_whole_invocation
    refused(@sb, "Dyn::Shifty.value; Dyn::Shifty.value; raw('Dyn::Shifty', 'instance_variable_get', [:@api_key])")
  end
end
