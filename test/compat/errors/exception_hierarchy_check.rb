[ZeroDivisionError.ancestors.include?(StandardError), KeyError.superclass, StopIteration.superclass, NotImplementedError.superclass, FrozenError.superclass]
