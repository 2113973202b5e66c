/// A template parse or execution error, worded as Go's `text/template` words it
/// (`template: id:1: unexpected "}" in operand`), with the position of the offending token.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whether the error was found while parsing or while rendering.
    public enum Kind: Sendable, Equatable {
        /// The template text is malformed.
        case parse
        /// Rendering failed on the given data (bad comparison, missing field, …).
        case execution
    }

    /// Parse or execution.
    public let kind: Kind
    /// The full message in Go's format, including the `template: name:line:` prefix.
    public let message: String
    /// The 1-based line in the template text.
    public let line: Int
    /// The 1-based column (in UTF-8 bytes) in that line.
    public let column: Int
    /// The 0-based UTF-8 byte offset in the template text.
    public let offset: Int

    /// The message, as Go prints it.
    public var description: String { message }

    static func parse(_ detail: String, name: String, source: [UInt8], at offset: Int) -> TemplateError {
        let (line, column) = position(of: offset, in: source)
        return TemplateError(kind: .parse, message: "template: \(name):\(line): \(detail)", line: line,
                             column: column, offset: offset)
    }

    static func execution(_ detail: String, name: String, source: [UInt8], node: Span) -> TemplateError {
        let (line, column) = position(of: node.start, in: source)
        var context = String(decoding: source[node.start..<node.end], as: UTF8.self)
        if context.utf8.count > 20 { context = String(context.prefix(20)) + "..." }
        let message = "template: \(name):\(line):\(column - 1): executing \"\(name)\" at <\(context)>: \(detail)"
        return TemplateError(kind: .execution, message: message, line: line, column: column, offset: node.start)
    }

    private static func position(of offset: Int, in source: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, source.count) where source[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }
}
