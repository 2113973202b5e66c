import GoEncoding

/// One lexical item of a template, as Go's `text/template/parse` lexer emits them.
struct Token: Equatable {
    enum Kind: Equatable {
        case text, leftDelim, rightDelim, field, variable, identifier, keyword, string, rawString, charConstant
        case number, bool, null, dot, pipe, leftParen, rightParen, declare, assign, comma, space, char, eof, error
    }

    var kind: Kind
    /// Byte range in the template source.
    var start: Int
    var end: Int
    /// The token text (for `text`, after trimming; for `error`, the message).
    var value: String

    /// The token as Go's parser quotes it in "unexpected … in …" messages.
    var quoted: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        case .keyword: return "<\(value)>"
        default:
            let shown = value.utf8.count > 10 ? String(value.prefix(10)) : value
            return GoQuote.quote(shown) + (shown.utf8.count < value.utf8.count ? "..." : "")
        }
    }
}
