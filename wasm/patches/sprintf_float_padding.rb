# frozen_string_literal: true

# mruby 3.2.0 bug: fmt_float (mrbgems/mruby-sprintf/src/sprintf.c) drops the
# sign's column when it zero-pads a signed number, so `format("%08.3f", -2.5)`
# is "-002.50" (CRuby: "-002.500"); it also lets a space flag override "+".
# Rewritten padding: the zeros go between the sign and the digits.
{
  file: "mrbgems/mruby-sprintf/src/sprintf.c",
  find: <<~'C'.gsub(/^(?=.)/, "  "),
    if (flags & FPLUS)  sign = '+';
    if (flags & FMINUS) left_align = 1;
    if (flags & FZERO)  zero_pad = 1;
    if (flags & FSPACE) sign = ' ';

    int len = mrb_format_float(f, buf, buf_size, fmt, prec, sign);

    // buf[0] < '0' returns true if the first character is space, + or -
    // buf[1] < '9' matches a digit, and doesn't match when we get back +nan or +inf
    if (buf[0] < '0' && buf[1] <= '9' && zero_pad) {
      buf++;
      width--;
      len--;
    }
    if (*buf < '0' || *buf >= '9') {
      // For inf or nan, we don't want to zero pad.
      zero_pad = 0;
    }
    if (len >= width) {
      return len;
    }
    buf[width] = '\0';
    if (left_align) {
      memset(&buf[len], ' ', width - len);
      return width;
    }
    memmove(&buf[width - len], buf, len);
    if (zero_pad) {
      memset(buf, '0', width - len);
    } else {
      memset(buf, ' ', width - len);
    }
  C
  replace: <<~'C'.gsub(/^(?=.)/, "  ")
    if (flags & FSPACE) sign = ' ';
    if (flags & FPLUS)  sign = '+';
    if (flags & FMINUS) left_align = 1;
    if (flags & FZERO)  zero_pad = 1;

    int len = mrb_format_float(f, buf, buf_size, fmt, prec, sign);
    int lead = (buf[0] == '-' || buf[0] == '+' || buf[0] == ' ') ? 1 : 0;
    if (len >= width) {
      return len;
    }
    buf[width] = '\0';
    if (left_align) {
      memset(&buf[len], ' ', width - len);
      return width;
    }
    memmove(&buf[width - len], buf, len);
    if (zero_pad) {
      if (lead) buf[0] = buf[width - len];
      memset(buf + lead, '0', width - len);
    } else {
      memset(buf, ' ', width - len);
    }
  C
}
