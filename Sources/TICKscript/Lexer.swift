/// Splits a TICKscript into tokens the way Kapacitor's lexer does: an *operand* state, where a
/// value may start (so `/` opens a regex and `*` is a star), and an *after-operand* state, where a
/// binary operator may follow (so `/` divides and `*` multiplies).
public struct Lexer: Sendable {
    /// The script being read.
    public let source: SourceText
    private var position = 0
    private var afterOperand = false

    /// A lexer at the start of `source`.
    public init(_ source: SourceText) { self.source = source }

    /// Every token up to and including EOF or the first error, as Kapacitor's lexer stops there.
    public static func tokens(of text: String) -> [Token] {
        var lexer = Lexer(SourceText(text))
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if case .eof = token.kind { return tokens }
            if case .error = token.kind { return tokens }
        }
    }

    private var bytes: [UInt8] { source.bytes }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < bytes.count ? bytes[position + ahead] : nil
    }

    /// The next token. After an error token, lexing resumes on the next line, so that a parser
    /// can report the independent errors of later lines too.
    public mutating func next() -> Token {
        if afterOperand, let token = operatorToken() { return token }
        afterOperand = false
        skipWhitespace()
        let start = position
        guard let byte = peek() else { return Token(.eof, "", at: start) }
        switch byte {
        case UInt8(ascii: "-"): return single(.minus)
        case UInt8(ascii: "!"): return single(.not)
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"):
            afterOperand = true
            return single(.rightParen)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: "|"): return single(.pipe)
        case UInt8(ascii: "@"): return single(.at)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "*"): return single(.star)
        case UInt8(ascii: "\""): return reference()
        case UInt8(ascii: "'"): return string()
        case UInt8(ascii: "/"):
            return peek(1) == UInt8(ascii: "/") ? comment() : regex()
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
            return numberOrDurationOrDot()
        default:
            if let scalar = scalar(at: position), isLetter(scalar) { return word() }
            let character = scalar(at: position).map { String(Character($0)) } ?? "\u{FFFD}"
            return error("unknown state, last char: '\(character)'", at: start)
        }
    }

    // MARK: Operators

    /// Reads a binary operator (or `=`) after an operand; nil to lex an operand instead.
    private mutating func operatorToken() -> Token? {
        skipWhitespace()
        let start = position
        guard let byte = peek() else { return nil }
        let second = peek(1)
        let kind: Token.Kind
        var length = 1
        switch byte {
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"): kind = .multiply
        case UInt8(ascii: "%"): kind = .modulo
        case UInt8(ascii: "/") where second != UInt8(ascii: "/"): kind = .divide
        case UInt8(ascii: "!"):
            switch second {
            case UInt8(ascii: "=")?: (kind, length) = (.notEqual, 2)
            case UInt8(ascii: "~")?: (kind, length) = (.regexNotEqual, 2)
            default: kind = .not
            }
        case UInt8(ascii: "<"):
            (kind, length) = second == UInt8(ascii: "=") ? (.lessEqual, 2) : (.less, 1)
        case UInt8(ascii: ">"):
            (kind, length) = second == UInt8(ascii: "=") ? (.greaterEqual, 2) : (.greater, 1)
        case UInt8(ascii: "="):
            switch second {
            case UInt8(ascii: "=")?: (kind, length) = (.equal, 2)
            case UInt8(ascii: "~")?: (kind, length) = (.regexEqual, 2)
            default: kind = .assign
            }
        default:
            afterOperand = false
            return nil
        }
        position += length
        afterOperand = false
        if kind == .assign || kind == .regexEqual || kind == .regexNotEqual {
            while let next = peek(), next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { position += 1 }
            if peek() == UInt8(ascii: "/") { pendingRegex = true }
        }
        // An operator's text is its name: no string made from the bytes.
        return Token(kind, kind.name, at: start)
    }

    /// Set after `=`, `=~` or `!~` when a `/` follows: the next token is a regex even if it looks
    /// like a comment.
    private var pendingRegex = false

    // MARK: Operands

    /// A one-byte token, whose text is its kind's name.
    private mutating func single(_ kind: Token.Kind) -> Token {
        let start = position
        position += 1
        return Token(kind, kind.name, at: start)
    }

    private mutating func error(_ message: String, at start: Int) -> Token {
        let text = source.text(start, min(max(position, start), bytes.count))
        while let byte = peek(), byte != UInt8(ascii: "\n") { position += 1 }
        afterOperand = false
        pendingRegex = false
        return Token(.error(message), text, at: start)
    }

    private mutating func skipWhitespace() {
        if pendingRegex { return }
        while let byte = peek() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r") || byte == 0x0B || byte == 0x0C {
                position += 1
            } else if byte == 0xC2, peek(1) == 0x85 || peek(1) == 0xA0 {
                position += 2
            } else {
                return
            }
        }
    }

    private mutating func word() -> Token {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x80 {
                guard byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
                    || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "_") else { break }
                position += 1
                continue
            }
            guard let scalar = scalar(at: position), isLetter(scalar) || isDigit(scalar) else { break }
            position += scalar.utf8.count
        }
        let text = source.text(start, position)
        afterOperand = true
        switch text {
        case "var": return Token(.varKeyword, text, at: start)
        case "dbrp": return Token(.dbrp, text, at: start)
        case "AND": return Token(.and, text, at: start)
        case "OR": return Token(.or, text, at: start)
        case "TRUE": return Token(.trueKeyword, text, at: start)
        case "FALSE": return Token(.falseKeyword, text, at: start)
        case "lambda" where peek() == UInt8(ascii: ":"):
            position += 1
            afterOperand = false
            return Token(.lambda, "lambda:", at: start)
        default: return Token(.identifier, text, at: start)
        }
    }

    private mutating func numberOrDurationOrDot() -> Token {
        let start = position
        if peek() == UInt8(ascii: "."), !(peek(1).map { $0 >= 48 && $0 <= 57 } ?? false) {
            return single(.dot)
        }
        var sawDot = false
        while let byte = peek() {
            if byte >= 48 && byte <= 57 {
                position += 1
            } else if byte == UInt8(ascii: ".") {
                if sawDot { return error("multiple decimals in number", at: start) }
                sawDot = true
                position += 1
            } else {
                break
            }
        }
        afterOperand = true
        if !sawDot, let unit = durationUnitLength() {
            position += unit
            return Token(.duration, source.text(start, position), at: start)
        }
        return Token(.number, source.text(start, position), at: start)
    }

    /// The byte length of a duration unit at `position` (`u µ ms s m h d w`), if one is there.
    private func durationUnitLength() -> Int? {
        switch peek() {
        case UInt8(ascii: "u"), UInt8(ascii: "s"), UInt8(ascii: "h"), UInt8(ascii: "d"), UInt8(ascii: "w"): 1
        case UInt8(ascii: "m"): peek(1) == UInt8(ascii: "s") ? 2 : 1
        case 0xC2 where peek(1) == 0xB5: 2
        default: nil
        }
    }

    private mutating func reference() -> Token {
        quoted(UInt8(ascii: "\""), as: .reference, unterminated: "unterminated field reference")
    }

    /// A literal from the quote at `position` to the next quote not preceded by a backslash.
    private mutating func quoted(_ quote: UInt8, as kind: Token.Kind, unterminated: String) -> Token {
        let start = position
        position += 1
        while let byte = peek() {
            if byte == UInt8(ascii: "\\") && peek(1) == quote {
                position += 2
                continue
            }
            position += 1
            if byte == quote {
                afterOperand = kind != .regex
                return Token(kind, source.text(start, position), at: start)
            }
        }
        return error(unterminated, at: start)
    }

    private mutating func string() -> Token {
        let start = position
        if peek(1) == UInt8(ascii: "'") && peek(2) == UInt8(ascii: "'") {
            position += 3
            while position + 2 < bytes.count {
                if bytes[position] == UInt8(ascii: "'") && bytes[position + 1] == UInt8(ascii: "'")
                    && bytes[position + 2] == UInt8(ascii: "'") {
                    position += 3
                    afterOperand = true
                    return Token(.string, source.text(start, position), at: start)
                }
                position += 1
            }
            position = bytes.count
            return error("unterminated string", at: start)
        }
        return quoted(UInt8(ascii: "'"), as: .string, unterminated: "unterminated string")
    }

    private mutating func regex() -> Token {
        pendingRegex = false
        return quoted(UInt8(ascii: "/"), as: .regex, unterminated: "unterminated regex")
    }

    private mutating func comment() -> Token {
        if pendingRegex { return regex() }
        let start = position
        while true {
            while let byte = peek(), byte != UInt8(ascii: "\n") { position += 1 }
            guard peek() == UInt8(ascii: "\n") else { break }
            position += 1
            var lookahead = position
            while lookahead < bytes.count && (bytes[lookahead] == UInt8(ascii: " ") || bytes[lookahead] == UInt8(ascii: "\t")) {
                lookahead += 1
            }
            guard lookahead < bytes.count, bytes[lookahead] == UInt8(ascii: "/") else { break }
            position = lookahead
        }
        return Token(.comment, source.text(start, position), at: start)
    }

    // MARK: Characters

    private func scalar(at offset: Int) -> Unicode.Scalar? {
        guard offset < bytes.count else { return nil }
        let lead = bytes[offset]
        if lead < 0x80 { return Unicode.Scalar(lead) }
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    private func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") }
        return switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar >= "0" && scalar <= "9" }
        return scalar.properties.generalCategory == .decimalNumber
    }
}
