/// Go's regular-expression syntax (RE2, as `regexp.Compile` takes it: Perl flags) without building
/// a matcher: ``check(_:)`` rejects what Go's `regexp/syntax` rejects, with its message, and
/// ``swiftPattern(_:)`` rewrites an accepted pattern into Swift `Regex` syntax of the same meaning.
///
/// Kapacitor compiles a regex literal while parsing the script; the check here does what that
/// compile decides (syntax, repeat counts, class ranges, Unicode class names) at a fraction of the
/// cost, and the matcher is built when the pattern first matches. Not checked: Go's size limits
/// (`expression too large`, `expression nests too deeply`), reached only by patterns of thousands of
/// nodes.
///
/// The rewrite spells out what Go means where Swift reads the same text differently: `\d`, `\s`,
/// `\w` and the POSIX classes are ASCII, `.` excludes only `\n`, `^`/`$` are the text's ends unless
/// `(?m)`, `\v` is U+000B, `\12` is octal, `[` `&&` `--` `~~` inside a class are literal, `{` that
/// starts no repeat is literal, a repeat may follow an anchor or another repeat through `(?i)`.
public enum RegexSyntax {
    /// Go's `*syntax.Error`: the failure and the offending part of the pattern.
    public struct Error: Swift.Error, Sendable, Equatable {
        /// Go's `ErrorCode` text (`missing closing )`).
        public let code: String
        /// The offending part of the pattern.
        public let expression: String

        /// Go's message: ``error parsing regexp: missing closing ): `(abc` ``.
        public var message: String { "error parsing regexp: \(code): `\(expression)`" }
    }

    /// The error Go's `regexp.Compile` returns for `pattern`, nil when Go accepts it.
    public static func check(_ pattern: String) -> Error? {
        var scanner = RegexScanner(pattern, emitting: false)
        do { try scanner.run() } catch { return error }
        return nil
    }

    /// `pattern` in Swift `Regex` syntax, to be compiled with Unicode-scalar semantics, simple word
    /// boundaries and ASCII word characters (Go's `\b`).
    public static func swiftPattern(_ pattern: String) throws(Error) -> String {
        var scanner = RegexScanner(pattern, emitting: true)
        try scanner.run()
        return String(decoding: scanner.output, as: UTF8.self)
    }

    /// The pattern of a TICKscript regex literal (the text between the slashes): each `\/` is `/`,
    /// as Kapacitor unescapes it.
    public static func pattern(ofLiteral literal: String) -> String {
        let utf8 = literal.utf8
        guard utf8.contains(UInt8(ascii: "\\")) else { return literal }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previous: UInt8?
        for byte in utf8 {
            if let kept = previous, !(kept == UInt8(ascii: "\\") && byte == UInt8(ascii: "/")) { bytes.append(kept) }
            previous = byte
        }
        if let kept = previous { bytes.append(kept) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
