import GoEncoding

/// Go's `fmt` as templates use it: `%v` printing of values (`print`, actions) and `printf` with
/// verbs, flags, widths and precisions, including Go's `%!v(…)` diagnostics.
enum GoFormat {
    /// One parsed `%` directive.
    struct Spec {
        var minus = false, plus = false, sharp = false, space = false, zero = false
        var width: Int?
        var precision: Int?
        var verb: Unicode.Scalar = "v"
    }

    /// Appends `value` as `%v` prints it (times and durations through their `String` methods).
    static func appendValue(_ value: TemplateValue, to out: inout String) {
        switch value {
        case .string(let s): out += s
        case .int(let i): out += String(i)
        case .float(let f): out += GoFloat.shortest(f)
        default: out += format(value, Spec())
        }
    }

    /// `fmt.Sprint`: spaces between operands when neither side is a string.
    static func sprint(_ values: [TemplateValue]) -> String {
        var out = ""
        for (i, value) in values.enumerated() {
            if i > 0, !isString(value), !isString(values[i - 1]) { out += " " }
            appendPrinted(value, to: &out)
        }
        return out
    }

    /// `fmt.Sprintln`: spaces between all operands and a final newline.
    static func sprintln(_ values: [TemplateValue]) -> String {
        var out = ""
        for (i, value) in values.enumerated() {
            if i > 0 { out += " " }
            appendPrinted(value, to: &out)
        }
        return out + "\n"
    }

    private static func isString(_ value: TemplateValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    private static func appendPrinted(_ value: TemplateValue, to out: inout String) {
        if case .null = value { out += "<nil>" } else { appendValue(value, to: &out) }
    }

    /// `fmt.Sprintf`.
    static func sprintf(_ text: String, _ args: ArraySlice<TemplateValue>) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = "", i = 0, argIndex = args.startIndex
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            guard c == "%" else {
                out.unicodeScalars.append(c)
                continue
            }
            var spec = Spec()
            flags: while i < scalars.count {
                switch scalars[i] {
                case "-": spec.minus = true; spec.zero = false
                case "+": spec.plus = true
                case "#": spec.sharp = true
                case " ": spec.space = true
                case "0": spec.zero = !spec.minus
                default: break flags
                }
                i += 1
            }
            spec.width = number(scalars, &i)
            if i < scalars.count, scalars[i] == "." {
                i += 1
                spec.precision = number(scalars, &i) ?? 0
            }
            guard i < scalars.count else {
                out += "%!(NOVERB)"
                break
            }
            spec.verb = scalars[i]
            i += 1
            if spec.verb == "%" {
                out += "%"
                continue
            }
            guard argIndex < args.endIndex else {
                out += "%!\(spec.verb)(MISSING)"
                continue
            }
            out += padded(format(args[argIndex], spec), spec, numeric: isNumeric(args[argIndex], spec.verb))
            argIndex += 1
        }
        if argIndex < args.endIndex {
            out += "%!(EXTRA "
            out += args[argIndex...].map { "\($0.goTypeName)=\(format($0, Spec()))" }.joined(separator: ", ")
            out += ")"
        }
        return out
    }

    private static func number(_ scalars: [Unicode.Scalar], _ i: inout Int) -> Int? {
        var value: Int?
        while i < scalars.count, let digit = Int(exactly: scalars[i].value), digit >= 48, digit <= 57 {
            value = min((value ?? 0) * 10 + digit - 48, 1_000_000)
            i += 1
        }
        return value
    }

    private static func isNumeric(_ value: TemplateValue, _ verb: Unicode.Scalar) -> Bool {
        switch value {
        case .int, .float: verb != "c" && verb != "q" && verb != "U"
        case .duration: verb == "d"
        default: false
        }
    }

    /// Pads to the width: spaces (left, or right with `-`), or zeros after the sign for numbers.
    private static func padded(_ text: String, _ spec: Spec, numeric: Bool) -> String {
        guard let width = spec.width else { return text }
        let count = text.unicodeScalars.count
        guard count < width else { return text }
        let fill = width - count
        if spec.minus { return text + String(repeating: " ", count: fill) }
        if spec.zero && numeric && !text.hasSuffix("Inf") && text != "NaN" {
            var body = Substring(text), sign = ""
            if let first = body.first, first == "-" || first == "+" || first == " " {
                sign = String(first)
                body = body.dropFirst()
            }
            return sign + String(repeating: "0", count: fill) + body
        }
        return String(repeating: " ", count: fill) + text
    }

    private static func bad(_ value: TemplateValue, _ verb: Unicode.Scalar) -> String {
        if case .null = value { return "%!\(verb)(<nil>)" }
        return "%!\(verb)(\(value.goTypeName)=\(format(value, Spec())))"
    }

    /// Formats one operand for one verb, without width padding.
    static func format(_ value: TemplateValue, _ spec: Spec) -> String {
        let verb = spec.verb
        switch value {
        case .string(let s):
            return formatString(s, spec) ?? bad(value, verb)
        case .int(let i):
            return formatInt(i, spec) ?? bad(value, verb)
        case .float(let f):
            return formatFloat(f, spec) ?? bad(value, verb)
        case .bool(let b):
            return verb == "v" || verb == "t" ? String(b) : bad(value, verb)
        case .time(let ns):
            return formatString(GoTime.string(ns), spec) ?? bad(value, verb)
        case .duration(let ns):
            if verb == "d" { return formatInt(ns, spec) ?? bad(value, verb) }
            return formatString(GoTime.durationString(ns), spec) ?? bad(value, verb)
        case .null:
            return verb == "v" ? "<nil>" : bad(value, verb)
        case .list(let items):
            return "[" + items.map { format($0, spec) }.joined(separator: " ") + "]"
        case .map(let map):
            var parts: [String] = []
            for i in 0..<map.count { parts.append(format(.string(map.keys[i]), spec) + ":" + format(map.values[i], spec)) }
            return "map[" + parts.joined(separator: " ") + "]"
        case .object(let object):
            var parts: [String] = []
            for i in object.names.indices {
                let field = format(object.values[i], spec)
                parts.append(spec.plus && verb == "v" ? object.names[i] + ":" + field : field)
            }
            return "{" + parts.joined(separator: " ") + "}"
        }
    }

    private static func formatString(_ s: String, _ spec: Spec) -> String? {
        var s = s
        if let p = spec.precision, s.unicodeScalars.count > p {
            s = String(String.UnicodeScalarView(s.unicodeScalars.prefix(p)))
        }
        switch spec.verb {
        case "v", "s": return s
        case "q": return spec.sharp && !s.contains("`") ? "`" + s + "`" : GoQuote.quote(s)
        case "x", "X":
            let hex = s.utf8.map { byte in
                let h = String(byte, radix: 16, uppercase: spec.verb == "X")
                return h.count == 1 ? "0" + h : h
            }
            return hex.joined(separator: spec.space ? " " : "")
        default: return nil
        }
    }

    private static func formatInt(_ i: Int64, _ spec: Spec) -> String? {
        var prefix = ""
        let radix: Int
        switch spec.verb {
        case "d", "v": radix = 10
        case "b": radix = 2
        case "o", "O":
            radix = 8
            prefix = spec.verb == "O" ? "0o" : spec.sharp ? "0" : ""
        case "x", "X":
            radix = 16
            prefix = spec.sharp ? (spec.verb == "x" ? "0x" : "0X") : ""
        case "c":
            return Unicode.Scalar(UInt32(clamping: i)).map { String(Character($0)) } ?? "\u{FFFD}"
        case "q":
            return GoQuote.quote(String(Character(Unicode.Scalar(UInt32(clamping: i)) ?? "\u{FFFD}")), mark: "'")
        case "U":
            var hex = String(i, radix: 16, uppercase: true)
            while hex.count < 4 { hex = "0" + hex }
            return "U+" + hex
        default: return nil
        }
        var digits = String(i.magnitude, radix: radix, uppercase: spec.verb == "X")
        if let p = spec.precision {
            if p == 0 && i == 0 { digits = "" }
            if digits.count < p { digits = String(repeating: "0", count: p - digits.count) + digits }
        }
        let sign = i < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : ""
        return sign + prefix + digits
    }

    private static func formatFloat(_ f: Double, _ spec: Spec) -> String? {
        let sign = f.sign == .minus || f.isNaN ? "" : spec.plus ? "+" : spec.space ? " " : ""
        if let special = GoFloat.special(f) {
            guard "vfFeEgG".unicodeScalars.contains(spec.verb) else { return nil }
            return special == "+Inf" && !spec.plus ? (spec.space ? " Inf" : "+Inf") : special
        }
        switch spec.verb {
        case "v", "g", "G":
            guard let p = spec.precision else {
                let text = GoFloat.shortest(f)
                return sign + (spec.verb == "G" ? text.uppercased() : text)
            }
            return sign + GoFloat.withPrecision(f, verb: UInt8(spec.verb == "v" ? 103 : spec.verb.value), precision: p)
        case "f", "F", "e", "E":
            return sign + GoFloat.withPrecision(f, verb: UInt8(spec.verb.value), precision: spec.precision ?? 6)
        default:
            return nil
        }
    }
}
