#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's float formatting: shortest round-trip digits for `%v`/`%g` and `encoding/json`, and the C
/// library's correctly rounded `%e %f %g` for explicit precisions (the same digits Go prints).
enum GoFloat {
    /// The shortest digits that round-trip `value` (no sign) and the decimal point position:
    /// 0.0123 → ("123", -1), 100 → ("1", 3).
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], point: Int) {
        let text = value.magnitude.description.utf8
        var mantissa: [UInt8] = [], point = 0, exponent = 0, seenPoint = false
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            if c == UInt8(ascii: ".") {
                seenPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                var negative = false, exp = 0
                while let e = iterator.next() {
                    if e == UInt8(ascii: "-") { negative = true } else if e >= 0x30 && e <= 0x39 { exp = exp * 10 + Int(e - 0x30) }
                }
                exponent = negative ? -exp : exp
            } else {
                mantissa.append(c)
                if !seenPoint { point += 1 }
            }
        }
        point += exponent
        var start = 0
        while start < mantissa.count - 1 && mantissa[start] == UInt8(ascii: "0") {
            start += 1
            point -= 1
        }
        var digits = Array(mantissa[start...])
        while digits.count > 1 && digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits == [UInt8(ascii: "0")] { point = 1 }
        return (digits, point)
    }

    /// `strconv.FormatFloat(v, 'g', -1, 64)` as `%v` prints it: `1e+06`, `0.1`, `100`.
    static func shortest(_ value: Double, exponentThreshold: Int = 6, lowThreshold: Int = -4) -> String {
        if let special = special(value) { return special }
        let (digits, point) = shortestDigits(value)
        let sign = value.sign == .minus ? "-" : ""
        let exp = point - 1
        if exp < lowThreshold || exp >= exponentThreshold { return sign + exponential(digits, exp, minExponentDigits: 2) }
        return sign + fixed(digits, point)
    }

    /// `encoding/json`'s float: `'f'` unless below 1e-6 or from 1e21, then `'e'` with `e-7`, `e+21`.
    static func json(_ value: Double) -> String {
        let (digits, point) = shortestDigits(value)
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = value.magnitude
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            return sign + exponential(digits, point - 1, minExponentDigits: 1)
        }
        return sign + fixed(digits, point)
    }

    private static func fixed(_ digits: [UInt8], _ point: Int) -> String {
        let d = String(decoding: digits, as: UTF8.self)
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + d }
        if point >= digits.count { return d + String(repeating: "0", count: point - digits.count) }
        return String(decoding: digits[..<point], as: UTF8.self) + "." + String(decoding: digits[point...], as: UTF8.self)
    }

    private static func exponential(_ digits: [UInt8], _ exp: Int, minExponentDigits: Int) -> String {
        var out = String(UnicodeScalar(digits[0]))
        if digits.count > 1 { out += "." + String(decoding: digits[1...], as: UTF8.self) }
        let e = String(exp.magnitude)
        return out + (exp < 0 ? "e-" : "e+") + String(repeating: "0", count: max(0, minExponentDigits - e.count)) + e
    }

    /// Go's spelling of infinities and NaN (`+Inf`, `-Inf`, `NaN`), or nil for finite values.
    static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    /// `%.{precision}{verb}` for verb e, E, f, F, g or G, correctly rounded by the C library.
    static func withPrecision(_ value: Double, verb: UInt8, precision: Int) -> String {
        let format: [CChar] = [37, 46, 42, CChar(bitPattern: verb), 0]  // "%.*<verb>"
        var buffer = [CChar](repeating: 0, count: 64)
        var needed = 0
        for _ in 0..<2 {
            needed = Int(format.withUnsafeBufferPointer { f in
                withVaList([Int32(clamping: precision), value]) { args in
                    vsnprintf(&buffer, buffer.count, f.baseAddress!, args)
                }
            })
            if needed < buffer.count { break }
            buffer = [CChar](repeating: 0, count: needed + 1)
        }
        return String(decoding: buffer.prefix(max(0, needed)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
