import GoEncoding

/// Splits template text into tokens, following Go's `text/template/parse` lexer: text outside
/// `{{ }}`, trim markers `{{- ` / ` -}}`, comments `{{/* */}}`, and the items inside actions.
struct Lexer {
    private let src: [UInt8]
    private var pos = 0
    private var parenDepth = 0
    private(set) var tokens: [Token] = []

    static let keywords: Set<String> = [
        "block", "break", "continue", "define", "else", "end", "if", "range", "template", "with",
    ]

    /// Lexes the whole source; the last token is `.eof` or `.error`.
    static func tokenize(_ src: [UInt8]) -> [Token] {
        var lexer = Lexer(src: src)
        lexer.run()
        return lexer.tokens
    }

    private init(src: [UInt8]) { self.src = src }

    private func byte(at i: Int) -> UInt8? { i < src.count ? src[i] : nil }

    private func hasPrefix(_ s: StaticString, at i: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= src.count else { return false }
        return s.withUTF8Buffer { buf in (0..<n).allSatisfy { src[i + $0] == buf[$0] } }
    }

    private static func isSpace(_ b: UInt8?) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n")
    }

    private static func isAlphaNumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    private mutating func emit(_ kind: Token.Kind, _ start: Int, _ value: String? = nil) {
        let text = value ?? String(decoding: src[start..<pos], as: UTF8.self)
        tokens.append(Token(kind: kind, start: start, end: pos, value: text))
    }

    private mutating func fail(_ message: String, at start: Int) {
        tokens.append(Token(kind: .error, start: start, end: start, value: message))
    }

    private mutating func run() {
        var trimLeading = false
        while true {
            var end = pos
            while end < src.count && !hasPrefix("{{", at: end) { end += 1 }
            let trimRight = hasPrefix("{{- ", at: end) || hasPrefix("{{-\t", at: end)
                || hasPrefix("{{-\r", at: end) || hasPrefix("{{-\n", at: end)
            var textStart = pos, textEnd = end
            if trimLeading { while textStart < textEnd && Lexer.isSpace(src[textStart]) { textStart += 1 } }
            if trimRight { while textEnd > textStart && Lexer.isSpace(src[textEnd - 1]) { textEnd -= 1 } }
            if textEnd > textStart {
                tokens.append(Token(kind: .text, start: textStart, end: textEnd,
                                    value: String(decoding: src[textStart..<textEnd], as: UTF8.self)))
            }
            pos = end
            if pos >= src.count {
                emit(.eof, pos, "")
                return
            }
            guard let trim = lexAction(trimmingLeft: trimRight) else { return }
            trimLeading = trim
        }
    }

    /// Lexes one action starting at `{{`; returns whether it ends with a right trim marker, or nil
    /// after an error.
    private mutating func lexAction(trimmingLeft: Bool) -> Bool? {
        let start = pos
        pos += trimmingLeft ? 4 : 2
        if hasPrefix("/*", at: pos) { return lexComment(start: start) }
        emit(.leftDelim, start)
        parenDepth = 0
        while true {
            if hasPrefix(" -}}", at: pos) || hasPrefix("\t-}}", at: pos) || hasPrefix("\r-}}", at: pos)
                || hasPrefix("\n-}}", at: pos) || hasPrefix("}}", at: pos) {
                if parenDepth > 0 { fail("unclosed left paren", at: pos); return nil }
                let trims = !hasPrefix("}}", at: pos)
                let delimStart = pos
                pos += trims ? 4 : 2
                emit(.rightDelim, delimStart)
                return trims
            }
            guard let b = byte(at: pos) else { fail("unclosed action", at: pos); return nil }
            let tokenStart = pos
            switch b {
            case _ where Lexer.isSpace(b):
                while Lexer.isSpace(byte(at: pos)) && !hasPrefix(" -}}", at: pos) && !hasPrefix("\t-}}", at: pos)
                    && !hasPrefix("\r-}}", at: pos) && !hasPrefix("\n-}}", at: pos) { pos += 1 }
                if pos == tokenStart { pos += 1 }
                emit(.space, tokenStart)
            case UInt8(ascii: "="): pos += 1; emit(.assign, tokenStart)
            case UInt8(ascii: ":"):
                guard byte(at: pos + 1) == UInt8(ascii: "=") else { fail("expected :=", at: pos); return nil }
                pos += 2
                emit(.declare, tokenStart)
            case UInt8(ascii: "|"): pos += 1; emit(.pipe, tokenStart)
            case UInt8(ascii: ","): pos += 1; emit(.comma, tokenStart)
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                guard lexQuote(b) else { return nil }
            case UInt8(ascii: "$"):
                pos += 1
                while let c = byte(at: pos), Lexer.isAlphaNumeric(c) { pos += 1 }
                emit(.variable, tokenStart)
                guard atTerminator() else { return nil }
            case UInt8(ascii: "."):
                if let c = byte(at: pos + 1), c >= 0x30 && c <= 0x39 {
                    guard lexNumber() else { return nil }
                } else {
                    pos += 1
                    while let c = byte(at: pos), Lexer.isAlphaNumeric(c) { pos += 1 }
                    emit(pos - tokenStart == 1 ? .dot : .field, tokenStart)
                    guard atTerminator() else { return nil }
                }
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard lexNumber() else { return nil }
            case UInt8(ascii: "("):
                pos += 1; parenDepth += 1; emit(.leftParen, tokenStart)
            case UInt8(ascii: ")"):
                pos += 1; parenDepth -= 1
                if parenDepth < 0 { fail("unexpected right paren", at: tokenStart); return nil }
                emit(.rightParen, tokenStart)
            case _ where Lexer.isAlphaNumeric(b):
                while let c = byte(at: pos), Lexer.isAlphaNumeric(c) { pos += 1 }
                let word = String(decoding: src[tokenStart..<pos], as: UTF8.self)
                let kind: Token.Kind = Lexer.keywords.contains(word) ? .keyword
                    : word == "true" || word == "false" ? .bool : word == "nil" ? .null : .identifier
                emit(kind, tokenStart, word)
                guard atTerminator() else { return nil }
            case 0x21...0x7E:
                pos += 1
                emit(.char, tokenStart)
            default:
                fail("bad character \(Lexer.describe(scalarAt: pos, in: src))", at: pos)
                return nil
            }
        }
    }

    /// Go's `%#U` of the rune at `i`: `U+0023 '#'`.
    private static func describe(scalarAt i: Int, in src: [UInt8]) -> String {
        var end = i + 1
        while end < src.count && src[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: src[i..<end], as: UTF8.self)
        let scalar = text.unicodeScalars.first?.value ?? 0xFFFD
        var hex = String(scalar, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return scalar < 0x20 || scalar == 0x7F ? "U+\(hex)" : "U+\(hex) '\(text)'"
    }

    private mutating func atTerminator() -> Bool {
        guard let b = byte(at: pos) else { return true }
        if Lexer.isSpace(b) || hasPrefix("}}", at: pos) { return true }
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"),
             UInt8(ascii: "("):
            return true
        default:
            fail("bad character \(Lexer.describe(scalarAt: pos, in: src))", at: pos)
            return false
        }
    }

    private mutating func lexComment(start: Int) -> Bool? {
        var i = pos + 2
        while i < src.count && !hasPrefix("*/", at: i) { i += 1 }
        guard i < src.count else { fail("unclosed comment", at: start); return nil }
        pos = i + 2
        if hasPrefix(" -}}", at: pos) || hasPrefix("\t-}}", at: pos) || hasPrefix("\n-}}", at: pos)
            || hasPrefix("\r-}}", at: pos) {
            pos += 4
            return true
        }
        guard hasPrefix("}}", at: pos) else { fail("comment ends before closing delimiter", at: start); return nil }
        pos += 2
        return false
    }

    private mutating func lexQuote(_ quote: UInt8) -> Bool {
        let start = pos
        pos += 1
        while true {
            guard let c = byte(at: pos) else {
                fail(quote == UInt8(ascii: "`") ? "unterminated raw quoted string"
                     : quote == UInt8(ascii: "'") ? "unterminated character constant" : "unterminated quoted string",
                     at: start)
                return false
            }
            pos += 1
            if c == quote { break }
            if quote != UInt8(ascii: "`") {
                if c == UInt8(ascii: "\\"), byte(at: pos) != nil, byte(at: pos) != UInt8(ascii: "\n") { pos += 1 }
                if c == UInt8(ascii: "\n") {
                    fail(quote == UInt8(ascii: "'") ? "unterminated character constant" : "unterminated quoted string",
                         at: start)
                    return false
                }
            }
        }
        let kind: Token.Kind = quote == UInt8(ascii: "`") ? .rawString
            : quote == UInt8(ascii: "'") ? .charConstant : .string
        emit(kind, start)
        return atTerminator()
    }

    private mutating func lexNumber() -> Bool {
        let start = pos
        if byte(at: pos) == UInt8(ascii: "+") || byte(at: pos) == UInt8(ascii: "-") { pos += 1 }
        while let c = byte(at: pos), Lexer.isAlphaNumeric(c) || c == UInt8(ascii: ".")
            || ((c == UInt8(ascii: "+") || c == UInt8(ascii: "-"))
                && [UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "p"), UInt8(ascii: "P")]
                .contains(src[pos - 1]) && !isHex(start)) {
            pos += 1
        }
        let text = String(decoding: src[start..<pos], as: UTF8.self)
        guard NumberLiteral(text) != nil else {
            fail("bad number syntax: \(GoQuote.quote(text))", at: start)
            return false
        }
        emit(.number, start)
        return atTerminator()
    }

    private func isHex(_ start: Int) -> Bool {
        var i = start
        if byte(at: i) == UInt8(ascii: "+") || byte(at: i) == UInt8(ascii: "-") { i += 1 }
        return hasPrefix("0x", at: i) || hasPrefix("0X", at: i)
    }
}
