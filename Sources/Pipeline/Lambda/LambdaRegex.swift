import Synchronization
import TICKscript

/// A regex literal (`/^web-\d+/`), matched as Go's RE2 matches: an unanchored search on Unicode
/// scalars.
///
/// A literal is checked against Go's syntax when it is made (``RegexSyntax``, with Go's messages);
/// Swift's `Regex` does the matching, built from ``RegexSyntax/swiftPattern(_:)`` when the pattern
/// first matches, once per process: literals with the same pattern share one ``CompiledRegex``.
public struct LambdaRegex: Sendable, Equatable {
    /// The literal as written between the slashes (Kapacitor's `RegexNode.Literal`).
    public let literal: String
    let compiled: CompiledRegex

    /// Checks a literal whose `\/` escapes are still in place; a pattern seen before is taken from a
    /// process-wide cache: a task's define check, its start and each new group's lambdas make the
    /// same literals.
    public init(literal: String) throws(LambdaError) {
        self.literal = literal
        let pattern = RegexSyntax.pattern(ofLiteral: literal)
        if let cached = Self.cache.withLock({ $0[pattern] }) {
            compiled = cached
            return
        }
        if let error = RegexSyntax.check(pattern) { throw LambdaError(error.message) }
        let compiled = CompiledRegex(pattern)
        self.compiled = Self.cache.withLock { cache in
            if let raced = cache[pattern] { return raced }
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[pattern] = compiled
            return compiled
        }
    }

    /// Checked patterns by their text (emptied when it reaches `cacheLimit`).
    private static let cache = Mutex<[String: CompiledRegex]>([:])
    /// How many patterns the cache holds at most.
    static let cacheLimit = 4096

    public static func == (lhs: LambdaRegex, rhs: LambdaRegex) -> Bool { lhs.literal == rhs.literal }

    var regex: Regex<AnyRegexOutput> {
        get throws(LambdaError) { try compiled.regex() }
    }

    /// Whether the regex matches somewhere in `text` (Go's `MatchString`).
    func matches(_ text: String) throws(LambdaError) -> Bool { text.contains(try regex) }

    /// Go's `ReplaceAllString`: every match replaced by `template` with `$1`, `${1}`, `$name`,
    /// `${name}` and `$$` expanded; an empty match right after a match is skipped.
    func replaceAll(in text: String, with template: String) throws(LambdaError) -> String {
        let regex = try regex
        var result = ""
        var copied = text.startIndex
        var lastEnd: String.Index?
        for match in text.matches(of: regex) {
            if match.range.isEmpty, match.range.lowerBound == lastEnd { continue }
            result += text[copied..<match.range.lowerBound]
            expand(template, match: match, into: &result)
            copied = match.range.upperBound
            lastEnd = match.range.upperBound
        }
        result += text[copied...]
        return result
    }

    private func expand(_ template: String, match: Regex<AnyRegexOutput>.Match, into result: inout String) {
        var scalars = Substring(template).unicodeScalars[...]
        while let dollar = scalars.firstIndex(of: "$") {
            result.unicodeScalars.append(contentsOf: scalars[..<dollar])
            scalars = scalars[scalars.index(after: dollar)...]
            if scalars.first == "$" {
                result += "$"
                scalars = scalars.dropFirst()
                continue
            }
            var name: Substring.UnicodeScalarView.SubSequence
            if scalars.first == "{", let close = scalars.firstIndex(of: "}") {
                name = scalars[scalars.index(after: scalars.startIndex)..<close]
                guard !name.isEmpty, name.allSatisfy(Self.isNameScalar) else {
                    result += "$"
                    continue
                }
                scalars = scalars[scalars.index(after: close)...]
            } else {
                name = scalars.prefix(while: Self.isNameScalar)
                guard !name.isEmpty else {
                    result += "$"
                    continue
                }
                scalars = scalars[name.endIndex...]
            }
            if let group = capture(String(String.UnicodeScalarView(name)), in: match) { result += group }
        }
        result.unicodeScalars.append(contentsOf: scalars)
    }

    private func capture(_ name: String, in match: Regex<AnyRegexOutput>.Match) -> Substring? {
        if let number = Int(name) {
            return number < match.output.count ? match.output[number].substring : nil
        }
        return match.output[name]?.substring
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
