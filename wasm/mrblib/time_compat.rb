# Time#strftime, which mruby-time lacks (docs/ruby.md, "Core fidelity"),
# with CRuby's directives and flags (-, 0, _, ^, #, width, %:z), and
# Time#iso8601 / xmlschema (CRuby needs `require "time"` for them).

class Time
  unless method_defined?(:strftime)
    # Methods, not constants: String constants created in this class's body
    # at boot were found collected after the snapshot (their bytes
    # overwritten), so the names are built where they are used.
    def __kobako_day_name
      %w[Sunday Monday Tuesday Wednesday Thursday Friday Saturday][wday]
    end

    def __kobako_month_name
      %w[January February March April May June July August September October November December][month - 1]
    end

    def strftime(format)
      out = +""
      i = 0
      n = format.size
      while i < n
        c = format[i]
        if c != "%" || i + 1 >= n
          out << c
          i += 1
          next
        end
        j = i + 1
        flags = +""
        while j < n && "-0_^#".include?(format[j])
          flags << format[j]
          j += 1
        end
        width = +""
        while j < n && format[j] >= "0" && format[j] <= "9"
          width << format[j]
          j += 1
        end
        colons = 0
        while j < n && format[j] == ":"
          colons += 1
          j += 1
        end
        if j >= n
          out << format[i..]
          break
        end
        piece = __kobako_directive(format[j], flags, width.empty? ? nil : width.to_i, colons)
        if piece.nil?
          out << format[i..j]
        else
          out << piece
        end
        i = j + 1
      end
      out
    end

    private

    def __kobako_directive(d, flags, width, colons)
      case d
      when "Y" then __kobako_num(year, flags, width || (year < 0 ? 5 : 4), "0", year >= 0 ? 0 : nil)
      when "C" then __kobako_num(year.div(100), flags, width || 2, "0")
      when "y" then __kobako_num(year % 100, flags, width || 2, "0")
      when "m" then __kobako_num(month, flags, width || 2, "0")
      when "d" then __kobako_num(day, flags, width || 2, "0")
      when "e" then __kobako_num(day, flags, width || 2, " ")
      when "j" then __kobako_num(yday, flags, width || 3, "0")
      when "H" then __kobako_num(hour, flags, width || 2, "0")
      when "k" then __kobako_num(hour, flags, width || 2, " ")
      when "I" then __kobako_num((hour % 12).zero? ? 12 : hour % 12, flags, width || 2, "0")
      when "l" then __kobako_num((hour % 12).zero? ? 12 : hour % 12, flags, width || 2, " ")
      when "M" then __kobako_num(min, flags, width || 2, "0")
      when "S" then __kobako_num(sec, flags, width || 2, "0")
      when "L" then __kobako_frac(width || 3)
      when "N" then __kobako_frac(width || 9)
      when "s" then __kobako_num(to_i, flags, width || 1, "0")
      when "u" then __kobako_num(wday.zero? ? 7 : wday, flags, width || 1, "0")
      when "w" then __kobako_num(wday, flags, width || 1, "0")
      when "A" then __kobako_text(__kobako_day_name, flags, width)
      when "a" then __kobako_text(__kobako_day_name[0, 3], flags, width)
      when "B" then __kobako_text(__kobako_month_name, flags, width)
      when "b", "h" then __kobako_text(__kobako_month_name[0, 3], flags, width)
      when "p" then __kobako_text(hour < 12 ? "AM" : "PM", flags.include?("#") ? "#{flags}^" : flags, width, true)
      when "P" then __kobako_text(hour < 12 ? "am" : "pm", flags, width)
      when "Z" then __kobako_text(utc? ? "UTC" : zone.to_s, flags, width)
      when "z" then __kobako_zone(flags, width, colons)
      when "U" then __kobako_num((yday - 1 - wday + 7) / 7, flags, width || 2, "0")
      when "W" then __kobako_num((yday - 1 - ((wday - 1) % 7) + 7) / 7, flags, width || 2, "0")
      when "G" then __kobako_num(__kobako_iso_week[0], flags, width || 4, "0")
      when "g" then __kobako_num(__kobako_iso_week[0] % 100, flags, width || 2, "0")
      when "V" then __kobako_num(__kobako_iso_week[1], flags, width || 2, "0")
      when "F" then __kobako_text(strftime("%Y-%m-%d"), flags, width)
      when "T", "X" then __kobako_text(strftime("%H:%M:%S"), flags, width)
      when "D", "x" then __kobako_text(strftime("%m/%d/%y"), flags, width)
      when "R" then __kobako_text(strftime("%H:%M"), flags, width)
      when "r" then __kobako_text(strftime("%I:%M:%S %p"), flags, width)
      when "c" then __kobako_text(strftime("%a %b %e %H:%M:%S %Y"), flags, width)
      when "v" then __kobako_text(strftime("%e-%^b-%Y"), flags, width)
      when "n" then "\n"
      when "t" then "\t"
      when "%" then "%"
      end
    end

    def __kobako_num(value, flags, width, pad, _unused = nil)
      pad = " " if flags.include?("_")
      pad = "0" if flags.include?("0")
      digits = value.abs.to_s
      sign = value < 0 ? "-" : ""
      return sign + digits if flags.include?("-")

      body = sign + digits
      return body if body.size >= width

      pad == "0" ? sign + ("0" * (width - body.size)) + digits : (" " * (width - body.size)) + body
    end

    def __kobako_text(text, flags, width, _upper_only = false)
      text = text.upcase if flags.include?("^")
      text = text.swapcase if flags.include?("#") && !flags.include?("^")
      return text if width.nil? || text.size >= width || flags.include?("-")

      (flags.include?("0") ? "0" : " ") * (width - text.size) + text
    end

    def __kobako_frac(digits)
      nanos = (usec * 1000).to_s.rjust(9, "0")
      digits <= 9 ? nanos[0, digits] : nanos + ("0" * (digits - 9))
    end

    def __kobako_zone(flags, width, colons)
      offset = utc? ? 0 : utc_offset.to_i
      sign = offset < 0 ? "-" : "+"
      offset = offset.abs
      hh = offset / 3600
      mm = offset % 3600 / 60
      ss = offset % 60
      body = case colons
             when 1 then format("%02d:%02d", hh, mm)
             when 2 then format("%02d:%02d:%02d", hh, mm, ss)
             else format("%02d%02d", hh, mm)
             end
      text = sign + body
      return text if width.nil? || text.size >= width

      if flags.include?("_") || flags.include?("-")
        (" " * (width - text.size)) + text
      else
        sign + ("0" * (width - text.size)) + body
      end
    end

    # [ISO year, ISO week] (weeks start on Monday; week 1 holds January 4).
    def __kobako_iso_week
      wday_iso = wday.zero? ? 7 : wday
      thursday_yday = yday - wday_iso + 4
      y = year
      if thursday_yday < 1
        y -= 1
        thursday_yday += Time.__kobako_leap?(y) ? 366 : 365
      elsif thursday_yday > (Time.__kobako_leap?(y) ? 366 : 365)
        thursday_yday -= Time.__kobako_leap?(y) ? 366 : 365
        y += 1
      end
      [y, (thursday_yday - 1) / 7 + 1]
    end

    public

    def self.__kobako_leap?(y)
      (y % 4).zero? && (!(y % 100).zero? || (y % 400).zero?)
    end
  end

  unless method_defined?(:iso8601)
    def iso8601(digits = 0)
      frac = digits > 0 ? ".#{strftime("%#{digits}N")}" : ""
      zone = utc? ? "Z" : strftime("%:z")
      strftime("%Y-%m-%dT%H:%M:%S") + frac + zone
    end
    alias xmlschema iso8601
  end
end
