/// A script Kapacitor's parser would reject, with its message and position.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message in Kapacitor's words (`parser: unexpected EOF line 4 char 9 in "var b = ". expected: ...`).
    public var message: String
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based byte column of the problem within its line.
    public var char: Int

    public var description: String { message }
}

/// A recursive-descent parser of TICKscript following Kapacitor's grammar, precedence and
/// messages. It stops at the first error, as Kapacitor does.
public struct Parser {
    /// A token with the comment lines written before it.
    struct Item {
        let token: Token
        let comment: Comment?
    }

    let source: SourceText
    var items: [Item] = []
    var index = 0
    /// A comment attached to a consumed token that no node took (before a `)` or `,`).
    var strayComment: Comment?

    /// Parses `text` into a program, stopping at the first error as Kapacitor does.
    public static func parse(_ text: String) throws(ParseError) -> Program {
        var parser = Parser(source: SourceText(text))
        return try parser.program()
    }

    /// Every independent syntax error of `text`, in order: after an error the parser skips to the
    /// next statement (a `var` or `dbrp`, or a name starting a line) and goes on.
    public static func diagnose(_ text: String) -> [ParseError] {
        var parser = Parser(source: SourceText(text))
        var errors: [ParseError] = []
        while true {
            do {
                _ = try parser.program()
                return errors
            } catch {
                errors.append(error)
                guard parser.recover() else { return errors }
            }
        }
    }

    /// Skips past the token that failed to the start of the next statement; false at the end.
    mutating func recover() -> Bool {
        let failedAt = min(index, items.count - 1)
        index = failedAt + 1
        while index < items.count - 1 {
            let token = items[index].token
            switch token.kind {
            case .varKeyword, .dbrp:
                return true
            case .identifier where startsLine(token) && index > failedAt:
                return true
            default:
                index += 1
            }
        }
        return false
    }

    /// Whether only blanks stand between the start of the token's line and the token.
    func startsLine(_ token: Token) -> Bool {
        var offset = token.offset - 1
        while offset >= 0 {
            let byte = source.bytes[offset]
            if byte == UInt8(ascii: "\n") { return true }
            if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") { return false }
            offset -= 1
        }
        return true
    }

    init(source: SourceText) {
        self.source = source
        var lexer = Lexer(source)
        items.reserveCapacity(source.bytes.count / 4)
        var pending: [String] = []
        while true {
            let token = lexer.next()
            if case .comment = token.kind {
                if !pending.isEmpty { pending.append("\n") }
                pending += Self.commentLines(token.text)
                continue
            }
            items.append(Item(token: token, comment: pending.isEmpty ? nil : Comment(lines: pending)))
            pending = []
            if case .eof = token.kind { break }
        }
    }

    /// The lines of a comment token: trimmed, empty ones dropped, `//` and one space removed.
    static func commentLines(_ text: String) -> [String] {
        var lines: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                var end = lineStart
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var first = lineStart, last = end
                while first < last, isBlank(bytes[first]) { first += 1 }
                while last > first, isBlank(bytes[last - 1]) { last -= 1 }
                if first < last {
                    if last - first >= 2, bytes[first] == UInt8(ascii: "/"), bytes[first + 1] == UInt8(ascii: "/") { first += 2 }
                    if first < last, bytes[first] == UInt8(ascii: " ") { first += 1 }
                    lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self))
                }
                lineStart = end + 1
            }
        }
        return lines
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    // MARK: Tokens

    var peek: Token { items[min(index, items.count - 1)].token }

    func peek(_ ahead: Int) -> Token { items[min(index + ahead, items.count - 1)].token }

    /// Consumes the next token, returning it with its comment.
    mutating func next() -> Item {
        let item = items[min(index, items.count - 1)]
        index += 1
        strayComment = item.comment
        return item
    }

    /// Consumes a token that no node keeps a comment for.
    mutating func skip() { _ = next() }

    /// Consumes a token whose comment the caller keeps.
    mutating func take() -> Item {
        let item = next()
        strayComment = nil
        return item
    }

    mutating func expect(_ kind: Token.Kind) throws(ParseError) -> Item {
        guard peek.kind == kind else { throw unexpected(peek, expected: [kind.name]) }
        return take()
    }

    func unexpected(_ token: Token, expected: [String]) -> ParseError {
        let (line, char) = source.position(of: token.offset)
        let context = source.context(around: token.offset)
        let list = expected.map { "\"\($0)\"" }.joined(separator: ",")
        return ParseError(
            message: "parser: unexpected \(token.kind.name) line \(line) char \(char) in \"\(context)\". expected: \(list)",
            line: line, char: char)
    }

    func failure(_ message: String, at offset: Int) -> ParseError {
        let (line, char) = source.position(of: offset)
        return ParseError(message: "parser: \(message)", line: line, char: char)
    }

    // MARK: Statements

    mutating func program() throws(ParseError) -> Program {
        var statements: [Node] = []
        while true {
            switch peek.kind {
            case .eof:
                let end = items[min(index, items.count - 1)]
                if let stray = strayComment { statements.append(Node(.comment, at: end.token.offset, comment: stray)) }
                if let trailing = end.comment { statements.append(Node(.comment, at: end.token.offset, comment: trailing)) }
                return Program(statements: statements)
            case .error:
                throw unexpected(peek, expected: ["var", "dbrp", "identifier"])
            default:
                statements.append(try statement())
            }
        }
    }

    mutating func statement() throws(ParseError) -> Node {
        switch peek.kind {
        case .varKeyword: return try declaration()
        case .dbrp: return try dbrp()
        default: return try expression()
        }
    }

    mutating func declaration() throws(ParseError) -> Node {
        let keyword = take()
        let name = try expect(.identifier).token.text
        if peek.kind == .assign {
            skip()
            let value = try expression()
            return Node(.declaration(name: name, value: value), at: keyword.token.offset, comment: keyword.comment)
        }
        let type = try expect(.identifier).token.text
        return Node(.typeDeclaration(name: name, type: type), at: keyword.token.offset, comment: keyword.comment)
    }

    mutating func dbrp() throws(ParseError) -> Node {
        let keyword = take()
        let database = try expect(.reference)
        _ = try expect(.dot)
        let retentionPolicy = try expect(.reference)
        return Node(
            .dbrp(database: Self.unquoteReference(database.token.text),
                  retentionPolicy: Self.unquoteReference(retentionPolicy.token.text)),
            at: keyword.token.offset, comment: keyword.comment)
    }
}
