module Plugins; end
%w[Alpha Beta].each { |n| Plugins.const_set(n, Class.new { define_method(:name) { n.downcase } }) }
[Plugins.constants.sort, Plugins.const_get(:Beta).new.name, Object.const_defined?(:Plugins)]
