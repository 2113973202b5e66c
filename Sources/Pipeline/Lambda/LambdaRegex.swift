import Synchronization

/// A compiled regex literal (`/^web-\d+/`), matched as Go's RE2 matches: an unanchored search on
/// Unicode scalars.
///
/// Swift's `Regex` does the matching. The syntax is close to RE2's; one difference is bridged:
/// RE2's one-letter Unicode classes (`\pL`, `\PN`) are rewritten to the braced form (`\p{L}`).
/// Swift accepts some syntax RE2 rejects (look-around, backreferences).
///
/// `@unchecked Sendable`: `Regex` is an immutable value (its compiled program is created once,
/// atomically); it is only not `Sendable` because `AnyRegexOutput` is not, and no output escapes here.
public struct LambdaRegex: @unchecked Sendable, Equatable {
    /// The literal as written between the slashes (Kapacitor's `RegexNode.Literal`).
    public let literal: String
    let regex: Regex<AnyRegexOutput>

    /// Compiles a literal whose `\/` escapes are still in place. A pattern compiled before is
    /// taken from a process-wide cache: a task's define check, its start and each new group's
    /// lambdas compile the same literals.
    public init(literal: String) throws(LambdaError) {
        self.literal = literal
        let pattern = Self.translated(literal.replacing("\\/", with: "/"))
        if let cached = Self.compiled.withLock({ $0[pattern] }) {
            regex = cached
            return
        }
        do {
            regex = try Regex<AnyRegexOutput>(pattern).matchingSemantics(.unicodeScalar)
        } catch {
            throw LambdaError("error parsing regexp: \(error): `\(pattern)`")
        }
        Self.compiled.withLock { compiled in
            if compiled.count >= Self.cacheLimit { compiled.removeAll(keepingCapacity: true) }
            compiled[pattern] = regex
        }
    }

    /// Compiled patterns by their translated text (emptied when it reaches `cacheLimit`).
    private static let compiled = Mutex<[String: Regex<AnyRegexOutput>]>([:])
    /// How many patterns the cache holds at most.
    static let cacheLimit = 4096

    public static func == (lhs: LambdaRegex, rhs: LambdaRegex) -> Bool { lhs.literal == rhs.literal }

    /// Whether the regex matches somewhere in `text` (Go's `MatchString`).
    func matches(_ text: String) -> Bool { text.contains(regex) }

    /// Go's `ReplaceAllString`: every match replaced by `template` with `$1`, `${1}`, `$name`,
    /// `${name}` and `$$` expanded; an empty match right after a match is skipped.
    func replaceAll(in text: String, with template: String) -> String {
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

    /// Rewrites RE2's `\pX` / `\PX` into `\p{X}` / `\P{X}`, leaving escaped backslashes alone.
    private static func translated(_ pattern: String) -> String {
        var result = ""
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            result.unicodeScalars.append(scalar)
            guard scalar == "\\", let next = scalars.next() else { continue }
            result.unicodeScalars.append(next)
            guard next == "p" || next == "P", let letter = scalars.next() else { continue }
            if letter == "{" || !letter.properties.isAlphabetic {
                result.unicodeScalars.append(letter)
            } else {
                result += "{\(letter)}"
            }
        }
        return result
    }
}
