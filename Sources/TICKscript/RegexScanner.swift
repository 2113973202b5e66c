/// One pass over an RE2 pattern making the decisions Go's `regexp/syntax` parser makes (with
/// `syntax.Perl` flags) without building its tree, optionally writing the Swift `Regex` equivalent.
struct RegexScanner {
    /// The flags `(?imsU)` set; Go's Perl defaults otherwise.
    struct Flags {
        var foldCase = false, oneLine = true, dotNL = false, nonGreedy = false
    }

    /// An open group: the flags `)` restores, the largest repeat product inside it (Go's
    /// `repeatIsValid` bound), and where its Swift text starts.
    struct Group {
        let saved: Flags
        var need: Int
        let start: Int
    }

    typealias Failure = RegexSyntax.Error

    let bytes: [UInt8]
    let emitting: Bool
    var output: [UInt8] = []
    var index = 0
    var flags = Flags()
    var groups: [Group]
    /// The expression a repeat operator would apply to: its repeat product and where its Swift
    /// text starts; nil at the start, after `(` and after `|`.
    var top: (need: Int, start: Int)?
    /// Where the previous token started when it was a repeat operator (`a**` is an error).
    var lastRepeat: Int?

    /// The most any single repeat, and the product of nested repeats, may count.
    static let maxRepeat = 1000

    init(_ pattern: String, emitting: Bool) {
        bytes = Array(pattern.utf8)
        self.emitting = emitting
        groups = [Group(saved: Flags(), need: 0, start: 0)]
        if emitting { output.reserveCapacity(bytes.count * 2) }
    }

    mutating func run() throws(Failure) {
        while index < bytes.count {
            var repeatStart: Int?
            switch bytes[index] {
            case UInt8(ascii: "("):
                if byte(at: index + 1) == UInt8(ascii: "?") {
                    try perlFlags()
                } else {
                    openGroup("(")
                    index += 1
                }
            case UInt8(ascii: "|"):
                finishTop()
                top = nil
                emit("|")
                index += 1
            case UInt8(ascii: ")"):
                try closeGroup()
                index += 1
            case UInt8(ascii: "^"):
                item(flags.oneLine ? "\\A" : "(?m:^)")
                index += 1
            case UInt8(ascii: "$"):
                item(flags.oneLine ? "\\z" : "(?m:$)")
                index += 1
            case UInt8(ascii: "."):
                item(flags.dotNL ? "(?s:.)" : "[^\\x{A}]")
                index += 1
            case UInt8(ascii: "["):
                try characterClass()
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                repeatStart = index
                index += 1
                try applyRepeat(from: repeatStart!, min: -1, max: -1)
            case UInt8(ascii: "{"):
                guard let (min, max, end) = countedRepeat() else {
                    literal(UInt32(UInt8(ascii: "{")))
                    index += 1
                    break
                }
                if min < 0 || min > Self.maxRepeat || max > Self.maxRepeat || max >= 0 && min > max {
                    throw failure("invalid repeat count", index..<end)
                }
                repeatStart = index
                index = end
                try applyRepeat(from: repeatStart!, min: min, max: max)
            case UInt8(ascii: "\\"):
                try escape()
            default:
                let (scalar, length) = decode(at: index)
                index += length
                literal(scalar)
            }
            lastRepeat = repeatStart
        }
        finishTop()
        if groups.count > 1 { throw failure("missing closing )", 0..<bytes.count) }
    }

    // MARK: Groups and repeats

    /// Folds the finished top expression into its group's repeat bound.
    mutating func finishTop() {
        if let top { groups[groups.count - 1].need = Swift.max(groups[groups.count - 1].need, top.need) }
    }

    /// A new expression a repeat may apply to, written as `text`.
    mutating func item(_ text: String) {
        finishTop()
        top = (0, output.count)
        emit(text)
    }

    mutating func openGroup(_ text: String) {
        finishTop()
        groups.append(Group(saved: flags, need: 0, start: output.count))
        top = nil
        emit(text)
    }

    mutating func closeGroup() throws(Failure) {
        guard groups.count > 1 else { throw failure("unexpected )", 0..<bytes.count) }
        finishTop()
        let group = groups.removeLast()
        flags = group.saved
        emit(")")
        top = (group.need, group.start)
    }

    /// `(?flags)`, `(?flags:`, `(?P<name>` or `(?<name>` at `index`.
    mutating func perlFlags() throws(Failure) {
        let start = index
        let startsWithP = bytes.count - start > 4 && bytes[start + 2] == UInt8(ascii: "P") && bytes[start + 3] == UInt8(ascii: "<")
        let startsWithName = bytes.count - start > 3 && bytes[start + 2] == UInt8(ascii: "<")
        if startsWithP || startsWithName {
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else {
                throw failure("invalid named capture", start..<bytes.count)
            }
            let name = bytes[(start + (startsWithP ? 4 : 3))..<end]
            guard !name.isEmpty, name.allSatisfy({ $0 == UInt8(ascii: "_") || Self.isAlphanumeric($0) }) else {
                throw failure("invalid named capture", start..<(end + 1))
            }
            openGroup("(?<" + String(decoding: name, as: UTF8.self) + ">")
            index = end + 1
            return
        }
        var position = start + 2
        var changed = flags
        var negative = false, sawFlag = false
        while position < bytes.count {
            let (scalar, length) = decode(at: position)
            position += length
            switch scalar {
            case UInt32(UInt8(ascii: "i")): changed.foldCase = !negative
            case UInt32(UInt8(ascii: "m")): changed.oneLine = negative
            case UInt32(UInt8(ascii: "s")): changed.dotNL = !negative
            case UInt32(UInt8(ascii: "U")): changed.nonGreedy = !negative
            case UInt32(UInt8(ascii: "-")):
                if negative { throw failure("invalid or unsupported Perl syntax", start..<position) }
                negative = true
                sawFlag = false
                continue
            case UInt32(UInt8(ascii: ":")), UInt32(UInt8(ascii: ")")):
                if negative && !sawFlag { throw failure("invalid or unsupported Perl syntax", start..<position) }
                if scalar == UInt32(UInt8(ascii: ":")) { openGroup("(?:") }
                flags = changed
                index = position
                return
            default:
                throw failure("invalid or unsupported Perl syntax", start..<position)
            }
            sawFlag = true
        }
        throw failure("invalid or unsupported Perl syntax", start..<position)
    }

    /// `{min}`, `{min,}` or `{min,max}` at `index` (max -1 for none), with the index after it; nil
    /// when the text is no repeat (then `{` is a literal). A count too large for Go makes min -1.
    func countedRepeat() -> (min: Int, max: Int, end: Int)? {
        var position = index + 1
        guard var min = integer(at: &position), position < bytes.count else { return nil }
        var max = min
        if bytes[position] == UInt8(ascii: ",") {
            position += 1
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "}") {
                max = -1
            } else {
                guard let value = integer(at: &position) else { return nil }
                if value < 0 { min = -1 }
                max = value
            }
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else { return nil }
        return (min, max, position + 1)
    }

    /// A decimal without leading zeros; -1 when it is 10⁸ or more, as in Go.
    func integer(at position: inout Int) -> Int? {
        guard position < bytes.count, Self.isDigit(bytes[position]) else { return nil }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count, Self.isDigit(bytes[position + 1]) { return nil }
        var value = 0
        while position < bytes.count, Self.isDigit(bytes[position]) {
            if value >= 0 { value = value >= 100_000_000 ? -1 : value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
            position += 1
        }
        return value >= 100_000_000 ? -1 : value
    }

    /// Applies the repeat operator that started at `start` (`*`, `+`, `?` with min -1, else a
    /// counted one; `index` is after it) to the top expression, as Go's `parser.repeat` does.
    mutating func applyRepeat(from start: Int, min: Int, max: Int) throws(Failure) {
        let operatorEnd = index
        var lazy = flags.nonGreedy
        if byte(at: index) == UInt8(ascii: "?") {
            index += 1
            lazy.toggle()
        }
        if let lastRepeat { throw failure("invalid nested repetition operator", lastRepeat..<index) }
        guard let operand = top else { throw failure("missing argument to repetition operator", start..<index) }
        var need = operand.need
        let counted = bytes[start] == UInt8(ascii: "{")
        if counted {
            let bound = max == 0 ? 0 : max < 0 ? min : max
            if max == 0 { need = 0 } else if bound > 0 { need = Swift.min(bound * Swift.max(1, operand.need), 1 << 40) }
            if (min >= 2 || max >= 2) && need > Self.maxRepeat {
                throw failure("invalid repeat count", start..<index)
            }
        }
        top = (need, operand.start)
        guard emitting else { return }
        output.insert(contentsOf: "(?:".utf8, at: operand.start)
        output.append(UInt8(ascii: ")"))
        output.append(contentsOf: bytes[start..<operatorEnd])
        if lazy { output.append(UInt8(ascii: "?")) }
    }

    // MARK: Helpers

    func byte(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }

    /// The scalar starting at `position` and its length in bytes (the text is valid UTF-8).
    func decode(at position: Int) -> (UInt32, Int) {
        let lead = bytes[position]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length { scalar = scalar << 6 | UInt32(bytes[position + offset] & 0x3F) }
        return (scalar, length)
    }

    func failure(_ code: String, _ range: Range<Int>) -> Failure {
        Failure(code: code, expression: String(decoding: bytes[range], as: UTF8.self))
    }

    mutating func emit(_ text: String) {
        if emitting { output.append(contentsOf: text.utf8) }
    }

    /// A literal scalar as Swift reads it: ASCII letters and digits as they are, else `\x{…}`.
    mutating func emitScalar(_ scalar: UInt32) {
        guard emitting else { return }
        if scalar < 0x80, Self.isAlphanumeric(UInt8(scalar)) {
            output.append(UInt8(scalar))
            return
        }
        output.append(contentsOf: "\\x{".utf8)
        output.append(contentsOf: String(scalar, radix: 16, uppercase: true).utf8)
        output.append(UInt8(ascii: "}"))
    }

    mutating func literal(_ scalar: UInt32) {
        item(flags.foldCase ? "(?i:" : "")
        emitScalar(scalar)
        if flags.foldCase { emit(")") }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }
}
