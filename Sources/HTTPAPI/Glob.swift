/// Go's `path.Match` glob, which Kapacitor's `pattern` parameters use: `*` (not crossing `/`), `?`,
/// `[...]` classes with ranges and `^` negation, and `\` escapes. A malformed pattern matches nothing.
enum Glob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        match(Array(pattern.unicodeScalars)[...], Array(name.unicodeScalars)[...]) ?? false
    }

    /// Whether `pattern` is well formed, checked as Kapacitor's `validatePattern` does (`path.Match(pattern, "")`).
    static func isValid(_ pattern: String) -> Bool {
        match(Array(pattern.unicodeScalars)[...], []) != nil
    }

    private static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool? {
        var pattern = pattern
        var name = name
        while let first = pattern.first {
            switch first {
            case "*":
                let rest = pattern.dropFirst()
                var candidate = name
                while true {
                    if let result = match(rest, candidate), result { return true }
                    guard let next = candidate.first, next != "/" else { return false }
                    candidate = candidate.dropFirst()
                }
            case "?":
                guard let next = name.first, next != "/" else { return false }
                pattern = pattern.dropFirst()
                name = name.dropFirst()
            case "[":
                guard let next = name.first else { return false }
                guard let (matched, rest) = matchClass(pattern.dropFirst(), next) else { return nil }
                guard matched else { return false }
                pattern = rest
                name = name.dropFirst()
            case "\\":
                pattern = pattern.dropFirst()
                guard let escaped = pattern.first else { return nil }
                guard name.first == escaped else { return false }
                pattern = pattern.dropFirst()
                name = name.dropFirst()
            default:
                guard name.first == first else { return false }
                pattern = pattern.dropFirst()
                name = name.dropFirst()
            }
        }
        return name.isEmpty
    }

    /// Matches `scalar` against the class after `[`; returns the result and the pattern after `]`.
    private static func matchClass(
        _ pattern: ArraySlice<Unicode.Scalar>, _ scalar: Unicode.Scalar
    ) -> (Bool, ArraySlice<Unicode.Scalar>)? {
        var rest = pattern
        var negated = false
        if rest.first == "^" {
            negated = true
            rest = rest.dropFirst()
        }
        var matched = false
        var first = true
        while true {
            guard let current = rest.first else { return nil }
            if current == "]" && !first { break }
            first = false
            guard let low = readClassScalar(&rest) else { return nil }
            var high = low
            if rest.first == "-" {
                rest = rest.dropFirst()
                guard let upper = readClassScalar(&rest) else { return nil }
                high = upper
            }
            if low <= scalar && scalar <= high { matched = true }
        }
        return (matched != negated, rest.dropFirst())
    }

    private static func readClassScalar(_ rest: inout ArraySlice<Unicode.Scalar>) -> Unicode.Scalar? {
        guard var scalar = rest.first, scalar != "-", scalar != "]" else { return nil }
        rest = rest.dropFirst()
        if scalar == "\\" {
            guard let escaped = rest.first else { return nil }
            scalar = escaped
            rest = rest.dropFirst()
        }
        return scalar
    }
}
