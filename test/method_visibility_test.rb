# frozen_string_literal: true

require "test_helper"
require "support/differential"

# Method visibility in the guest (docs/ruby.md, "Method visibility"):
# private, protected and public (with names or for the rest of a class
# body), private_class_method, module_function, the calls they refuse, and
# what respond_to?, public_send and the method listings answer, each
# compared with CRuby 3.1.
class MethodVisibilityTest < KobakoTest
  include Differential

  CLASS = <<~RUBY
    class K
      def a = :a
      def calls_private = d
      def calls_protected(other) = other.c
      protected def c = :c
      private def d = :d
      def self_d = self.d
      private
      def e = :e
      public
      def f = :f
    end
  RUBY

  def test_private_and_protected_methods_refuse_an_explicit_receiver
    assert_like_cruby(
      "#{CLASS}[K.new.a, K.new.calls_private, K.new.calls_protected(K.new), K.new.self_d, K.new.f]",
      "#{CLASS}%i[c d e].map { |m| begin; K.new.__send__(:public_send, m); rescue NoMethodError => e; e.class; end }",
      "#{CLASS}[(K.new.d rescue :refused), (K.new.c rescue :refused), (K.new.e rescue :refused)]",
      "#{CLASS}[K.new.send(:d), K.new.__send__(:e), K.new.instance_eval { d }]"
    )
  end

  def test_the_refusal_is_a_no_method_error_naming_the_visibility
    source = "#{CLASS}begin; K.new.d; rescue NoMethodError => e; [e.class, e.name, e.message[/\\A\\w+ method/]]; end"
    assert_like_cruby(source)
    assert_like_cruby("#{CLASS}begin; K.new.c; rescue NoMethodError => e; [e.name, e.message[/\\A\\w+ method/]]; end")
  end

  def test_respond_to_and_public_send_see_only_public_methods
    assert_like_cruby(
      "#{CLASS}k = K.new; [k.respond_to?(:a), k.respond_to?(:c), k.respond_to?(:d), k.respond_to?(:d, true), " \
      "k.respond_to?(:e), k.respond_to?(:f)]",
      "#{CLASS}[K.new.public_send(:a), (K.new.public_send(:d) rescue :refused), " \
      "(K.new.public_send(:c) rescue :refused)]",
      "o = Object.new; [o.respond_to?(:puts), o.respond_to?(:puts, true), o.respond_to?(:initialize)]"
    )
  end

  def test_listings_and_predicates_follow_visibility
    assert_like_cruby(
      "#{CLASS}[K.public_instance_methods(false).sort, K.private_instance_methods(false).sort, " \
      "K.protected_instance_methods(false), K.instance_methods(false).sort]",
      "#{CLASS}[K.method_defined?(:c), K.method_defined?(:d), K.public_method_defined?(:a), " \
      "K.private_method_defined?(:d), K.protected_method_defined?(:c), K.public_method_defined?(:c)]",
      "#{CLASS}k = K.new; [k.public_methods(false).sort - Object.instance_methods, " \
      "k.private_methods.include?(:d), k.protected_methods, k.methods.include?(:d), k.methods.include?(:c)]"
    )
  end

  def test_private_class_method_and_public_again
    assert_like_cruby(<<~RUBY)
      class Conn
        def self.open = new
        private_class_method :new
      end
      a = [Conn.open.class, (Conn.new rescue :private), Conn.respond_to?(:new)]
      Conn.public_class_method :new
      a + [Conn.new.class]
    RUBY
  end

  def test_visibility_changes_and_redefinition
    assert_like_cruby(<<~RUBY)
      class P
        def x = 1
        def y = 2
        private :x, :y
        public :y
      end
      class Q < P
        public :x
      end
      r = [(P.new.x rescue :private), P.new.y, Q.new.x]
      class P
        def x = 3
      end
      r + [P.new.x]
    RUBY
  end

  def test_visibility_arguments_and_return_values
    assert_like_cruby(
      "class R; def a; end; def b; end; X = [private(:a), private(:a, :b), private([:a]), public]; end; R::X",
      "class R2; private def m = 1; end; R2.private_instance_methods(false)",
      'class R3; def a; end; private "a"; end; R3.private_method_defined?(:a)',
      "begin; class R4; private :nope; end; rescue NameError => e; e.class; end"
    )
  end

  def test_private_with_no_names_lasts_only_for_that_body
    assert_like_cruby(<<~RUBY)
      class S
        private
        def hidden = 1
        def self.visible = 2
      end
      class S
        def reopened = 3
      end
      s = Class.new do
        private
        def z = 4
      end
      [(S.new.hidden rescue :private), S.visible, S.new.reopened, (s.new.z rescue :private)]
    RUBY
  end

  def test_protected_methods_answer_instances_of_the_owner
    assert_like_cruby(<<~RUBY)
      class Money
        include Comparable
        def initialize(cents) = @cents = cents
        def <=>(other) = cents <=> other.cents
        protected
        def cents = @cents
      end
      [Money.new(1) < Money.new(2), (Money.new(1).cents rescue :protected), [Money.new(3), Money.new(1)].max.send(:cents)]
    RUBY
  end

  def test_module_functions_are_private_instance_methods
    assert_like_cruby(
      "module U; module_function; def h = 1; end; [U.h, (Object.new.extend(U).h rescue :private)]",
      "module V; def self.call = helper; def helper = 2; module_function :helper; end; [V.call, V.helper]",
      '[Kernel.format("%d", 1), (1.puts rescue :private), Kernel.respond_to?(:puts), 3r]'
    )
  end

  def test_attribute_methods_take_the_visibility_and_return_their_names
    assert_like_cruby(
      "class F; private; attr_reader :x; attr_accessor :y; end; " \
      "[F.private_instance_methods(false).sort, (F.new.x rescue :private)]",
      "class G; private attr_reader :x, :y; X = [attr_accessor(:z), attr_writer(:w), attr(:v)]; end; " \
      "[G.private_instance_methods(false).sort, G.public_instance_methods(false).sort, G::X]",
      "class H; attr_accessor :a; def initialize = @a = 1; end; h = H.new; h.a = 5; [h.a, h.respond_to?(:a=)]"
    )
  end

  def test_initialize_is_private_as_in_cruby
    assert_like_cruby(
      "class I; def initialize(a) = @a = a; attr_reader :a; end; [I.new(1).a, I.new(2).dup.a, " \
      "(I.new(1).initialize(3) rescue :private), I.private_method_defined?(:initialize)]"
    )
  end
end
