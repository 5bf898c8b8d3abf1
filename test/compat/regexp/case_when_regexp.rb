def kind(s)
  case s
  when /\A\d+\z/ then :int
  when /\A\d+\.\d+\z/ then :float
  when /\A[a-z_]+\z/ then :word
  else :other
  end
end
%w[42 3.14 snake_case Hello!].map { |s| kind(s) }
