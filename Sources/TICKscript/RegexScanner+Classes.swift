extension RegexScanner {
    /// Go's ASCII classes `\d`, `\s`, `\w` (and their negations by capital letter), as ranges.
    static func perlClass(_ letter: UInt8) -> (ranges: [ClosedRange<UInt32>], negated: Bool)? {
        let ranges: [ClosedRange<UInt32>]
        switch letter | 0x20 {
        case UInt8(ascii: "d"): ranges = [0x30...0x39]
        case UInt8(ascii: "s"): ranges = [0x09...0x0A, 0x0C...0x0D, 0x20...0x20]
        case UInt8(ascii: "w"): ranges = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
        default: return nil
        }
        return (ranges, letter < UInt8(ascii: "a"))
    }

    /// Go's POSIX classes (`[:alpha:]`, negated `[:^alpha:]`), all ASCII.
    static func posixClass(_ name: ArraySlice<UInt8>) -> (ranges: [ClosedRange<UInt32>], negated: Bool)? {
        var name = name.dropFirst(2).dropLast(2)
        let negated = name.first == UInt8(ascii: "^")
        if negated { name = name.dropFirst() }
        let ranges: [ClosedRange<UInt32>]
        switch String(decoding: name, as: UTF8.self) {
        case "alnum": ranges = [0x30...0x39, 0x41...0x5A, 0x61...0x7A]
        case "alpha": ranges = [0x41...0x5A, 0x61...0x7A]
        case "ascii": ranges = [0x00...0x7F]
        case "blank": ranges = [0x09...0x09, 0x20...0x20]
        case "cntrl": ranges = [0x00...0x1F, 0x7F...0x7F]
        case "digit": ranges = [0x30...0x39]
        case "graph": ranges = [0x21...0x7E]
        case "lower": ranges = [0x61...0x7A]
        case "print": ranges = [0x20...0x7E]
        case "punct": ranges = [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]
        case "space": ranges = [0x09...0x0D, 0x20...0x20]
        case "upper": ranges = [0x41...0x5A]
        case "word": ranges = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
        case "xdigit": ranges = [0x30...0x39, 0x41...0x46, 0x61...0x66]
        default: return nil
        }
        return (ranges, negated)
    }

    /// Writes a class's members; a negated group nests as `[^…]`, which Swift unites.
    mutating func emitMembers(_ ranges: [ClosedRange<UInt32>], negated: Bool) {
        guard emitting else { return }
        if negated { emit("[^") }
        for range in ranges { emitRange(range.lowerBound, range.upperBound) }
        if negated { emit("]") }
    }

    mutating func emitRange(_ low: UInt32, _ high: UInt32) {
        emitHex(low)
        if high != low {
            output.append(UInt8(ascii: "-"))
            emitHex(high)
        }
    }

    mutating func emitHex(_ scalar: UInt32) {
        guard emitting else { return }
        output.append(contentsOf: "\\x{".utf8)
        output.append(contentsOf: String(scalar, radix: 16, uppercase: true).utf8)
        output.append(UInt8(ascii: "}"))
    }

    /// A bracketed class at `index`, as Go's `parseClass` reads it: `]` first is a member, `-` a
    /// range only between two members, `[:name:]` a POSIX class, escapes as outside.
    mutating func characterClass() throws(Failure) {
        let start = index
        item(flags.foldCase ? "(?i:[" : "[")
        index += 1
        if byte(at: index) == UInt8(ascii: "^") {
            emit("^")
            index += 1
        }
        var first = true
        while index >= bytes.count || bytes[index] != UInt8(ascii: "]") || first {
            first = false
            if bytes.count - index > 2, bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: ":"),
               let close = closingPosixBracket(after: index + 2) {
                let name = bytes[index..<close]
                guard let (ranges, negated) = Self.posixClass(name) else { throw failure("invalid character class range", index..<close) }
                emitMembers(ranges, negated: negated)
                index = close
                continue
            }
            if bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\") {
                let letter = bytes[index + 1]
                if letter == UInt8(ascii: "p") || letter == UInt8(ascii: "P") {
                    try unicodeClass()
                    continue
                }
                if let (ranges, negated) = Self.perlClass(letter) {
                    emitMembers(ranges, negated: negated)
                    index += 2
                    continue
                }
            }
            let rangeStart = index
            let low = try classCharacter(classStart: start)
            var high = low
            if bytes.count - index >= 2, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                index += 1
                high = try classCharacter(classStart: start)
                if high < low { throw failure("invalid character class range", rangeStart..<index) }
            }
            emitRange(low, high)
        }
        index += 1
        emit(flags.foldCase ? "])" : "]")
    }

    /// The index after the `:]` that closes a POSIX class name starting at `from`, if any.
    private func closingPosixBracket(after from: Int) -> Int? {
        var position = from
        while position + 1 < bytes.count {
            if bytes[position] == UInt8(ascii: ":"), bytes[position + 1] == UInt8(ascii: "]") { return position + 2 }
            position += 1
        }
        return nil
    }

    private mutating func classCharacter(classStart: Int) throws(Failure) -> UInt32 {
        guard index < bytes.count else { throw failure("missing closing ]", classStart..<bytes.count) }
        if bytes[index] == UInt8(ascii: "\\") { return try escapedScalar() }
        let (scalar, length) = decode(at: index)
        index += length
        return scalar
    }

    /// `\pL`, `\p{Greek}`, `\P{^Lu}` at `index` (inside or outside a class).
    mutating func unicodeClass() throws(Failure) {
        let start = index
        var negated = bytes[start + 1] == UInt8(ascii: "P")
        var name: Range<Int>
        let end: Int
        if start + 2 >= bytes.count {
            name = (start + 2)..<(start + 2)
            end = start + 2
        } else if bytes[start + 2] != UInt8(ascii: "{") {
            end = start + 2 + decode(at: start + 2).1
            name = (start + 2)..<end
        } else {
            guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "}")) else {
                throw failure("invalid character class range", start..<bytes.count)
            }
            name = (start + 3)..<close
            end = close + 1
        }
        if !name.isEmpty, bytes[name.lowerBound] == UInt8(ascii: "^") {
            negated.toggle()
            name = (name.lowerBound + 1)..<name.upperBound
        }
        guard let swiftName = RegexSyntax.unicodeClassName(bytes[name]) else {
            throw failure("invalid character class range", start..<end)
        }
        index = end
        emit(negated ? "\\P{" + swiftName + "}" : "\\p{" + swiftName + "}")
    }

    /// An escape outside a class at `index`: an assertion, `\Q…\E`, a class, or one scalar.
    mutating func escape() throws(Failure) {
        let letter = byte(at: index + 1)
        switch letter {
        case UInt8(ascii: "A"), UInt8(ascii: "z"):
            item(letter == UInt8(ascii: "A") ? "\\A" : "\\z")
            index += 2
        case UInt8(ascii: "b"), UInt8(ascii: "B"):
            item(letter == UInt8(ascii: "b") ? "\\b" : "\\B")
            index += 2
        case UInt8(ascii: "C"):
            throw failure("invalid escape sequence", index..<(index + 2))
        case UInt8(ascii: "Q"):
            index += 2
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\"), byte(at: index + 1) == UInt8(ascii: "E") {
                    index += 2
                    return
                }
                let (scalar, length) = decode(at: index)
                index += length
                literal(scalar)
            }
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            item(flags.foldCase ? "(?i:" : "")
            try unicodeClass()
            if flags.foldCase { emit(")") }
        case let letter? where Self.perlClass(letter) != nil:
            let (ranges, negated) = Self.perlClass(letter)!
            item(negated ? "[^" : "[")
            for range in ranges { emitRange(range.lowerBound, range.upperBound) }
            emit("]")
            index += 2
        default:
            literal(try escapedScalar())
        }
    }

    /// Go's `parseEscape`: a single-scalar escape at `index` (octal, hex, C escapes, escaped
    /// punctuation), with Go's error for anything else.
    mutating func escapedScalar() throws(Failure) -> UInt32 {
        let start = index
        index += 1
        guard index < bytes.count else { throw Failure(code: "trailing backslash at end of expression", expression: "") }
        let (letter, length) = decode(at: index)
        index += length
        let invalid = { (scanner: RegexScanner) in scanner.failure("invalid escape sequence", start..<scanner.index) }
        switch letter {
        case 0x31...0x37 where !(byte(at: index).map(Self.isOctal) ?? false):
            throw invalid(self)
        case 0x30...0x37:
            var value = letter - 0x30
            for _ in 1..<3 {
                guard let next = byte(at: index), Self.isOctal(next) else { break }
                value = value * 8 + UInt32(next - 0x30)
                index += 1
            }
            return value
        case UInt32(UInt8(ascii: "x")):
            guard index < bytes.count else { throw invalid(self) }
            let (first, firstLength) = decode(at: index)
            index += firstLength
            if first == UInt32(UInt8(ascii: "{")) {
                var value: UInt32 = 0, digits = 0
                while true {
                    guard index < bytes.count else { throw invalid(self) }
                    let (digit, digitLength) = decode(at: index)
                    index += digitLength
                    if digit == UInt32(UInt8(ascii: "}")) { break }
                    guard let nibble = Self.hexValue(digit) else { throw invalid(self) }
                    value = value * 16 + nibble
                    if value > 0x10FFFF { throw invalid(self) }
                    digits += 1
                }
                if digits == 0 { throw invalid(self) }
                return value
            }
            var second: UInt32?
            if index < bytes.count {
                let (scalar, secondLength) = decode(at: index)
                index += secondLength
                second = Self.hexValue(scalar)
            }
            guard let high = Self.hexValue(first), let second else { throw invalid(self) }
            return high * 16 + second
        case UInt32(UInt8(ascii: "a")): return 0x07
        case UInt32(UInt8(ascii: "f")): return 0x0C
        case UInt32(UInt8(ascii: "n")): return 0x0A
        case UInt32(UInt8(ascii: "r")): return 0x0D
        case UInt32(UInt8(ascii: "t")): return 0x09
        case UInt32(UInt8(ascii: "v")): return 0x0B
        case let scalar where scalar < 0x80 && !Self.isAlphanumeric(UInt8(scalar)):
            return scalar
        default:
            throw invalid(self)
        }
    }

    static func isOctal(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") }

    static func hexValue(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x30...0x39: scalar - 0x30
        case 0x41...0x46: scalar - 0x41 + 10
        case 0x61...0x66: scalar - 0x61 + 10
        default: nil
        }
    }
}
