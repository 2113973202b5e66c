#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Models

/// The powers of ten a Double holds exactly, for the fast float path (Clinger's algorithm).
@inline(__always)
private func exactPowerOfTen(_ exponent: Int) -> Double {
    switch exponent {
    case 0: 1e0
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
}

extension LineScanner {
    /// Scans a numeric field value: a float, an integer ending in `i` or an unsigned ending in `u`.
    mutating func scanNumber() throws(LineProtocolError.Reason) -> FieldValue {
        let start = position
        let base = bytes, stop = end
        var index = position
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        var sawDot = false
        var truncated = false
        while index < stop {
            let byte = base[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                digits &+= 1
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significant &+= 1 }
                    if sawDot { exponent &-= 1 }
                } else {
                    truncated = true
                    if !sawDot { exponent &+= 1 }
                }
            } else if byte == UInt8(ascii: ".") {
                if sawDot { throw .invalidNumber }
                sawDot = true
            } else {
                break
            }
            index &+= 1
        }
        if digits == 0 { throw .invalidNumber }
        guard index < end else {
            position = index
            return .float(try makeFloat(start, index, negative, mantissa, exponent, truncated))
        }
        switch bytes[index] {
        case UInt8(ascii: "i"):
            if sawDot { throw .invalidNumber }
            position = index + 1
            try expectDelimiter()
            return .int(try parseInteger(start, index))
        case UInt8(ascii: "u"):
            if sawDot || negative { throw .invalidNumber }
            position = index + 1
            try expectDelimiter()
            return .uint(try parseUnsigned(start, index))
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            index += 1
            var exponentNegative = false
            if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                if written < 100_000 { written = written * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                exponentDigits += 1
                index += 1
            }
            if exponentDigits == 0 { throw .invalidFloat }
            exponent += exponentNegative ? -written : written
            position = index
            try expectDelimiter()
            return .float(try makeFloat(start, index, negative, mantissa, exponent, truncated))
        default:
            position = index
            try expectDelimiter()
            return .float(try makeFloat(start, index, negative, mantissa, exponent, truncated))
        }
    }

    /// A number ends at a field or section boundary; anything else makes it invalid.
    mutating func expectDelimiter() throws(LineProtocolError.Reason) {
        guard position < end else { return }
        switch bytes[position] {
        case UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return
        default: throw .invalidNumber
        }
    }

    mutating func makeFloat(
        _ start: Int, _ stop: Int, _ negative: Bool, _ mantissa: UInt64, _ exponent: Int, _ truncated: Bool
    ) throws(LineProtocolError.Reason) -> Double {
        if !truncated && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / exactPowerOfTen(-exponent) : value * exactPowerOfTen(exponent)
            return negative ? -value : value
        }
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: stop - start + 1) { buffer in
            for offset in 0..<(stop - start) { buffer[offset] = CChar(bitPattern: bytes[start + offset]) }
            buffer[stop - start] = 0
            return strtod(buffer.baseAddress!, nil)
        }
        if !value.isFinite { throw .invalidFloat }
        return value
    }

    mutating func parseInteger(_ start: Int, _ stop: Int) throws(LineProtocolError.Reason) -> Int64 {
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value: Int64 = 0
        while index < stop {
            let digit = Int64(bytes[index] - UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { throw .integerOutOfRange(string(start, stop)) }
            value = next
            index += 1
        }
        return value
    }

    mutating func parseUnsigned(_ start: Int, _ stop: Int) throws(LineProtocolError.Reason) -> UInt64 {
        var value: UInt64 = 0
        for index in start..<stop {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { throw .unsignedOutOfRange(string(start, stop)) }
            value = next
        }
        return value
    }
}
