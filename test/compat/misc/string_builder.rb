sb = +""
%w[a b c].each_with_index { |s, i| sb << s << i.to_s }
sb.concat("!", "?")
[sb, sb.length, sb.frozen?]
