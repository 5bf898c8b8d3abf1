# Exception#full_message and detailed_message in CRuby's layout (docs/ruby.md,
# "Core fidelity"); #cause and raise's cause: are in wasm/c/exception.c.

class Exception
  def full_message(highlight: false, order: :top)
    lines = backtrace || []
    head = lines.empty? ? "" : "#{lines[0]}: "
    text = "#{head}#{message} (#{self.class})"
    rest = lines[1..] || []
    return ([text] + rest.map { |l| "\tfrom #{l}" }).join("\n") + "\n" unless order == :bottom

    (rest.reverse.map { |l| "\tfrom #{l}" } + [text]).join("\n") + "\n"
  end

  def detailed_message(highlight: false, **_kwargs)
    "#{message} (#{self.class})"
  end
end

class Exception
  # CRuby: #<RuntimeError: message>, or the class name alone for an empty message.
  def inspect
    text = message.to_s
    text.empty? ? self.class.to_s : "#<#{self.class}: #{text}>"
  end
end
