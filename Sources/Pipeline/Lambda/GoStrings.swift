/// Go's `strings` package semantics on Swift strings: byte offsets, rune sets, simple case mapping.
enum GoStrings {
    /// `strings.Index`: the byte offset of the first `needle`, 0 for an empty needle.
    static func index(of needle: String, in text: String) -> Int? {
        index(of: Array(needle.utf8), in: Array(text.utf8), from: 0)
    }

    private static func index(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count - start else { return nil }
        if needle.isEmpty { return start }
        var offset = start
        while offset + needle.count <= bytes.count {
            if bytes[offset] == needle[0], bytes[offset..<offset + needle.count].elementsEqual(needle) { return offset }
            offset += 1
        }
        return nil
    }

    /// `strings.LastIndex`: the byte offset of the last `needle`, the length for an empty needle.
    static func lastIndex(of needle: String, in text: String) -> Int {
        let bytes = Array(text.utf8), pattern = Array(needle.utf8)
        var offset = bytes.count - pattern.count
        while offset >= 0 {
            if bytes[offset..<offset + pattern.count].elementsEqual(pattern) { return offset }
            offset -= 1
        }
        return -1
    }

    /// `strings.Count`: non-overlapping occurrences; runes + 1 for an empty needle.
    static func count(of needle: String, in text: String) -> Int64 {
        if needle.isEmpty { return Int64(text.unicodeScalars.count + 1) }
        let bytes = Array(text.utf8), pattern = Array(needle.utf8)
        var found: Int64 = 0
        var start = 0
        while let offset = index(of: pattern, in: bytes, from: start) {
            found += 1
            start = offset + pattern.count
        }
        return found
    }

    /// `strings.IndexAny`: the byte offset of the first rune that is in `chars`, or -1.
    static func indexAny(of chars: String, in text: String) -> Int {
        let set = Set(chars.unicodeScalars)
        var offset = 0
        for scalar in text.unicodeScalars {
            if set.contains(scalar) { return offset }
            offset += UTF8.width(scalar)
        }
        return -1
    }

    /// `strings.LastIndexAny`: the byte offset of the last rune that is in `chars`, or -1.
    static func lastIndexAny(of chars: String, in text: String) -> Int {
        let set = Set(chars.unicodeScalars)
        var offset = 0, last = -1
        for scalar in text.unicodeScalars {
            if set.contains(scalar) { last = offset }
            offset += UTF8.width(scalar)
        }
        return last
    }

    /// `strings.Replace`: the first `limit` occurrences (all when negative); an empty `old` matches
    /// before every rune and at the end.
    static func replace(_ text: String, _ old: String, _ new: String, limit: Int64) -> String {
        if old == new || limit == 0 { return text }
        let occurrences = count(of: old, in: text)
        if occurrences == 0 { return text }
        let replacements = limit < 0 || occurrences < limit ? occurrences : limit
        let bytes = Array(text.utf8), pattern = Array(old.utf8)
        var result: [UInt8] = []
        var start = 0
        for number in 0..<replacements {
            var end = start
            if pattern.isEmpty {
                if number > 0 { end += runeWidth(at: start, in: bytes) }
            } else {
                end = index(of: pattern, in: bytes, from: start) ?? bytes.count
            }
            result += bytes[start..<end]
            result += new.utf8
            start = end + pattern.count
        }
        result += bytes[min(start, bytes.count)...]
        return String(decoding: result, as: UTF8.self)
    }

    private static func runeWidth(at offset: Int, in bytes: [UInt8]) -> Int {
        guard offset < bytes.count else { return 1 }
        let lead = bytes[offset]
        return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }

    /// `strings.Trim`, `TrimLeft`, `TrimRight`: drops runes in `cutset` from the chosen ends.
    static func trim(_ text: String, cutset: String, leading: Bool, trailing: Bool) -> String {
        if text.isEmpty || cutset.isEmpty { return text }
        let set = Set(cutset.unicodeScalars)
        var scalars = Substring(text).unicodeScalars[...]
        if leading { scalars = scalars.drop { set.contains($0) } }
        if trailing {
            while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// `strings.TrimSpace`: drops Unicode white space from both ends.
    static func trimSpace(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        scalars = scalars.drop { $0.properties.isWhitespace }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// `strings.ToLower` / `ToUpper`: each rune mapped on its own; a rune whose full mapping is several
    /// runes (`ß` → `SS`) stays as it is, as Go's simple mapping leaves it.
    static func mapCase(_ text: String, upper: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                let shifted = upper ? (value >= 97 && value <= 122 ? value - 32 : value)
                    : (value >= 65 && value <= 90 ? value + 32 : value)
                result.append(Unicode.Scalar(UInt8(shifted)))
                continue
            }
            let mapped = upper ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping
            let mappedScalars = mapped.unicodeScalars
            if mappedScalars.count == 1, let single = mappedScalars.first { result.append(single) } else { result.append(scalar) }
        }
        return String(result)
    }
}

extension GoStrings {
    /// Go's string ordering: byte-wise, -1, 0 or 1.
    static func compare(_ l: String, _ r: String) -> Int {
        if l.utf8.elementsEqual(r.utf8) { return 0 }
        return l.utf8.lexicographicallyPrecedes(r.utf8) ? -1 : 1
    }
}
