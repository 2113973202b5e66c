/// Splits InfluxQL text into tokens as influxql's scanner does; regular expressions are scanned
/// on request, because only the parser knows where one may start.
struct Scanner {
    private let scalars: [Unicode.Scalar]
    /// The position of every scalar, and of the end of the text.
    private let positions: [Position]
    private(set) var index = 0

    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            scalars.append(scalar)
        }
        var positions: [Position] = []
        positions.reserveCapacity(scalars.count + 1)
        var position = Position(line: 0, char: 0)
        for scalar in scalars {
            positions.append(position)
            if scalar == "\n" {
                position.line += 1
                position.char = 0
            } else {
                position.char += 1
            }
        }
        positions.append(position)
        self.scalars = scalars
        self.positions = positions
    }

    /// The next scalar, nil at the end.
    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func at(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Skips spaces, tabs and newlines.
    mutating func skipWhitespace() {
        while let scalar = peek, isWhitespace(scalar) { index += 1 }
    }

    /// Scans the next token.
    mutating func scan() -> Token {
        let start = index
        let position = positions[start]
        func token(_ kind: Token.Kind, length: Int, _ literal: String = "") -> Token {
            index = start + length
            return Token(kind: kind, position: position, literal: literal)
        }
        guard let scalar = peek else { return Token(kind: .eof, position: position, literal: "") }
        if isWhitespace(scalar) {
            skipWhitespace()
            return Token(kind: .whitespace, position: position, literal: String(String.UnicodeScalarView(scalars[start..<index])))
        }
        if isLetter(scalar) || scalar == "_" || scalar == "\"" { return scanIdentifier(lookup: true) }
        if isDigit(scalar) { return scanNumber() }
        let next = at(1)
        switch scalar {
        case "'": return scanString()
        case ".": return next.map(isDigit) == true ? scanNumber() : token(.dot, length: 1)
        case "$":
            index += 1
            let identifier = scanIdentifier(lookup: false)
            if identifier.kind != .identifier {
                return Token(kind: identifier.kind, position: position, literal: "$" + identifier.literal)
            }
            return Token(kind: .boundParameter, position: position, literal: "$" + identifier.literal)
        case "+": return token(.op(.add), length: 1)
        case "-":
            if next == "-" {
                index += 2
                while let scalar = peek, scalar != "\n" { index += 1 }
                if peek != nil { index += 1 }
                return Token(kind: .comment, position: position, literal: "")
            }
            return token(.op(.sub), length: 1)
        case "*": return token(.op(.mul), length: 1)
        case "/":
            if next == "*" {
                index += 2
                while index < scalars.count {
                    if scalars[index] == "*" && at(1) == "/" {
                        index += 2
                        return Token(kind: .comment, position: position, literal: "")
                    }
                    index += 1
                }
                return Token(kind: .illegal, position: position, literal: "")
            }
            return token(.op(.div), length: 1)
        case "%": return token(.op(.mod), length: 1)
        case "&": return token(.op(.bitwiseAnd), length: 1)
        case "|": return token(.op(.bitwiseOr), length: 1)
        case "^": return token(.op(.bitwiseXor), length: 1)
        case "=": return next == "~" ? token(.op(.eqRegex), length: 2) : token(.op(.eq), length: 1)
        case "!":
            if next == "=" { return token(.op(.neq), length: 2) }
            if next == "~" { return token(.op(.neqRegex), length: 2) }
        case ">": return next == "=" ? token(.op(.gte), length: 2) : token(.op(.gt), length: 1)
        case "<":
            if next == "=" { return token(.op(.lte), length: 2) }
            if next == ">" { return token(.op(.neq), length: 2) }
            return token(.op(.lt), length: 1)
        case "(": return token(.lparen, length: 1)
        case ")": return token(.rparen, length: 1)
        case ",": return token(.comma, length: 1)
        case ";": return token(.semicolon, length: 1)
        case ":": return next == ":" ? token(.doubleColon, length: 2) : token(.colon, length: 1)
        default: break
        }
        return token(.illegal, length: 1, String(scalar))
    }

    /// A bare identifier (a keyword when `lookup`), or a double-quoted one.
    private mutating func scanIdentifier(lookup shouldLookup: Bool) -> Token {
        let position = positions[index]
        var text = ""
        while let scalar = peek {
            if scalar == "\"" {
                let quoted = scanString()
                if quoted.kind != .string { return quoted }
                return Token(kind: .identifier, position: position, literal: quoted.literal)
            } else if isIdentifierCharacter(scalar) {
                text.unicodeScalars.append(scalar)
                index += 1
            } else {
                break
            }
        }
        if shouldLookup {
            let kind = lookup(text)
            if kind != .identifier { return Token(kind: kind, position: position, literal: "") }
        }
        return Token(kind: .identifier, position: position, literal: text)
    }

    /// A string between the quote at the current index and the same quote, with influxql's escapes.
    private mutating func scanString() -> Token {
        let position = positions[index]
        let quote = scalars[index]
        index += 1
        var text = ""
        while true {
            guard let scalar = peek, scalar != "\n" else {
                if peek != nil { index += 1 }
                return Token(kind: .badString, position: position, literal: text)
            }
            index += 1
            if scalar == quote { return Token(kind: .string, position: position, literal: text) }
            if scalar == "\\" {
                let escaped = peek
                if escaped != nil { index += 1 }
                switch escaped {
                case "n": text.unicodeScalars.append("\n")
                case "\\", "\"", "'": text.unicodeScalars.append(escaped!)
                default:
                    var literal = "\\"
                    if let escaped { literal.unicodeScalars.append(escaped) }
                    return Token(kind: .badEscape, position: positions[max(0, index - 1)], literal: literal)
                }
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
    }

    /// An integer, a decimal number, or a duration (`10m`, `1h30m`).
    private mutating func scanNumber() -> Token {
        let position = positions[index]
        var text = ""
        func digits() {
            while let scalar = peek, isDigit(scalar) {
                text.unicodeScalars.append(scalar)
                index += 1
            }
        }
        digits()
        if peek == "." {
            index += 1
            if let scalar = peek, isDigit(scalar) {
                text += "."
                digits()
            }
            return Token(kind: .number, position: position, literal: text)
        }
        guard let scalar = peek, isLetter(scalar) || scalar == "µ" else {
            return Token(kind: .integer, position: position, literal: text)
        }
        while let scalar = peek, isLetter(scalar) || scalar == "µ" {
            text.unicodeScalars.append(scalar)
            index += 1
        }
        while let scalar = peek, isLetter(scalar) || scalar == "µ" || isDigit(scalar) {
            text.unicodeScalars.append(scalar)
            index += 1
        }
        return Token(kind: .duration, position: position, literal: text)
    }

    /// A regular expression between slashes at the current index; `\/` stands for a slash. Its
    /// position is the character before the slash, where influxql's reader stands after peeking.
    mutating func scanRegex() -> Token {
        let position = positions[max(0, index - 1)]
        index += 1
        var text = ""
        while true {
            guard let scalar = peek else { return Token(kind: .badRegex, position: position, literal: "") }
            index += 1
            if scalar == "/" { return Token(kind: .regex, position: position, literal: text) }
            if scalar == "\n" { return Token(kind: .badRegex, position: position, literal: "") }
            if scalar == "\\" {
                guard let escaped = peek else { return Token(kind: .badRegex, position: position, literal: "") }
                if escaped == "/" {
                    index += 1
                    text += "/"
                } else {
                    text += "\\"
                }
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
    }
}

func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" }
func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
func isIdentifierCharacter(_ scalar: Unicode.Scalar) -> Bool { isLetter(scalar) || isDigit(scalar) || scalar == "_" }
