class K
  def a; end
  def b; end
  protected def c; end
  private def d; end
end
[K.public_instance_methods(false).sort, K.private_instance_methods(false), K.new.respond_to?(:d), K.method_defined?(:c)]
