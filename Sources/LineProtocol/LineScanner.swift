import Models

private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let comma = UInt8(ascii: ",")
private let equals = UInt8(ascii: "=")
private let backslash = UInt8(ascii: "\\")
private let quote = UInt8(ascii: "\"")
private let hash = UInt8(ascii: "#")
private let minus = UInt8(ascii: "-")
private let plus = UInt8(ascii: "+")
private let dot = UInt8(ascii: ".")
private let zero = UInt8(ascii: "0")
private let nine = UInt8(ascii: "9")

/// The smallest and largest times InfluxDB 1.x stores (`models.MinNanoTime`, `models.MaxNanoTime`).
let minNanoTime: Int64 = Int64.min + 2
let maxNanoTime: Int64 = Int64.max - 1

/// Bit N set for each byte N below 64 that matters inside a key: tab, newline, carriage return,
/// space, `,` and `=` (backslash, 92, is tested on its own).
let keySpecialBytes: UInt64 = (1 << 9) | (1 << 10) | (1 << 13) | (1 << 32) | (1 << 44) | (1 << 61)

/// Whether any byte of `word` equals `byte` (the classic SWAR zero-byte test).
@inline(__always)
func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
    let spread = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
    return (spread &- 0x0101_0101_0101_0101) & ~spread & 0x8080_8080_8080_8080 != 0
}

/// The characters a backslash escapes in one part of a line.
struct EscapeSet {
    let escaped: [UInt8]

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool { escaped.contains(byte) }
}

/// Measurements unescape `\,` and `\ ` only.
let measurementEscapes = EscapeSet(escaped: [comma, space])
/// Tag keys and values unescape `\,`, `\ ` and `\=`.
let tagEscapes = EscapeSet(escaped: [comma, space, equals])
/// Field keys unescape `\,`, `\ `, `\=` and `\"`.
let fieldKeyEscapes = EscapeSet(escaped: [comma, space, equals, quote])
/// String field values unescape `\"` and `\\`.
let stringEscapes = EscapeSet(escaped: [quote, backslash])

/// The single pass over a body: a cursor over its bytes and the scratch buffers reused per line.
struct LineScanner {
    let bytes: UnsafePointer<UInt8>
    let end: Int
    let precision: Precision
    let defaultTime: Timestamp
    let database: String
    let retentionPolicy: String
    var position = 0
    var lineNumber = 1
    var tags: [Tag] = []
    /// How many fields the previous line had: the capacity the next line's array starts with.
    var lastFieldCount = 4
    var scratch: [UInt8] = []
    var series: SeriesCache
    var fieldKeys = FieldKeyCache()

    init(
        bytes: UnsafePointer<UInt8>, end: Int, precision: Precision, defaultTime: Timestamp,
        database: String, retentionPolicy: String
    ) {
        self.bytes = bytes
        self.end = end
        self.precision = precision
        self.defaultTime = defaultTime
        self.database = database
        self.retentionPolicy = retentionPolicy
        tags.reserveCapacity(8)
        series = SeriesCache(capacity: min(max(end / 256, 8), 8192))
    }

    mutating func run(into points: inout [Point], errors: inout [LineProtocolError]) {
        while position < end {
            let byte = bytes[position]
            if byte == newline {
                position += 1
                lineNumber += 1
                continue
            }
            if byte == space || byte == tab || byte == carriageReturn || byte == 0 {
                position += 1
                continue
            }
            let start = position
            let startLine = lineNumber
            if byte == hash {
                skipToLineEnd()
                continue
            }
            do throws(LineProtocolError.Reason) {
                points.append(try parseLine())
            } catch {
                position = start
                lineNumber = startLine
                let lineEnd = scanLineEnd()
                var stop = lineEnd
                while stop > start && bytes[stop - 1] == carriageReturn { stop -= 1 }
                let text = string(start, stop)
                errors.append(LineProtocolError(lineNumber: startLine, line: text, reason: error))
                position = lineEnd
            }
        }
    }

    // MARK: Lines

    /// Parses the line at `position`, leaving `position` on its terminating newline (or the end).
    mutating func parseLine() throws(LineProtocolError.Reason) -> Point {
        let keyStart = position
        let (keyEnd, hash) = scanSeriesKeyExtent()
        let keyLength = keyEnd - keyStart
        let measurement: String
        let tagSet: Tags
        if let (cachedMeasurement, cachedTags) = series.lookup(bytes, keyStart, keyLength, hash: hash) {
            measurement = cachedMeasurement
            tagSet = cachedTags
            position = keyStart + keyLength
        } else {
            (measurement, tagSet) = try scanSeriesKey()
            if position == keyStart + keyLength {
                series.insert(keyStart, keyLength, hash: hash, measurement: measurement, tags: tagSet)
            }
        }
        return try scanFieldsAndTime(measurement: measurement, tags: tagSet)
    }

    /// The end of the series key at `position` (its first unescaped space or tab, or the line
    /// end) and the hash of its bytes, found in one pass: whole words are hashed while they hold no
    /// byte that could end the key.
    mutating func scanSeriesKeyExtent() -> (end: Int, hash: UInt64) {
        let start = position
        var index = position
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawPointer(bytes)
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if hasByte(word, space) || hasByte(word, tab) || hasByte(word, newline) || hasByte(word, backslash) { break }
            hash = SeriesCache.mix(hash, word)
            index += 8
        }
        let wordsEnd = index
        while index < end {
            let byte = bytes[index]
            if byte == backslash && index + 1 < end && bytes[index + 1] != newline {
                index += 2
                continue
            }
            if byte == space || byte == tab || byte == newline { break }
            index += 1
        }
        return (index, SeriesCache.finish(hash, bytes, wordsEnd, index) ^ UInt64(index - start))
    }

    /// Parses the measurement and tags of a series key not seen before in this body.
    mutating func scanSeriesKey() throws(LineProtocolError.Reason) -> (String, Tags) {
        let measurement = try scanMeasurement()
        tags.removeAll(keepingCapacity: true)
        var sorted = true
        while position < end && bytes[position] == comma {
            position += 1
            let tag = try scanTag()
            if let last = tags.last, last.key >= tag.key {
                if last.key == tag.key { throw .duplicateTags }
                sorted = false
            }
            tags.append(tag)
        }
        if !sorted {
            tags.sort { $0.key < $1.key }
            for index in tags.indices.dropFirst() where tags[index].key == tags[index - 1].key {
                throw .duplicateTags
            }
        }
        return (measurement, Tags(sorted: tags))
    }

    /// Parses the fields and timestamp that follow a series key.
    mutating func scanFieldsAndTime(measurement: String, tags tagSet: Tags) throws(LineProtocolError.Reason) -> Point {
        guard skipSpaces(), position < end, bytes[position] != newline else { throw .missingFields }
        var fields: [Field] = []
        fields.reserveCapacity(lastFieldCount)
        while true {
            let field = try scanField()
            if let index = fields.firstIndex(where: { $0.key == field.key }) {
                fields[index] = field
            } else {
                fields.append(field)
            }
            guard position < end, bytes[position] == comma else { break }
            position += 1
        }
        let time = try scanTimestamp()
        lastFieldCount = fields.count
        return Point(
            database: database, retentionPolicy: retentionPolicy, measurement: measurement,
            tags: tagSet, fields: Fields(fields), time: time)
    }

    /// Advances over bytes that end or escape nothing in a key: all but tab, newline, carriage
    /// return, space, `,`, `=` and backslash.
    @inline(__always)
    mutating func skipPlain() {
        let base = bytes, stop = end
        var index = position
        while index < stop {
            let byte = base[index]
            if byte < 64 ? (keySpecialBytes >> UInt64(byte)) & 1 != 0 : byte == backslash { break }
            index &+= 1
        }
        position = index
    }

    /// Skips spaces and tabs; returns whether any were skipped.
    mutating func skipSpaces() -> Bool {
        let start = position
        while position < end && (bytes[position] == space || bytes[position] == tab) { position += 1 }
        return position > start
    }

    mutating func skipToLineEnd() {
        while position < end && bytes[position] != newline { position += 1 }
    }

    /// The end of the line starting at `position`: its first newline outside a quoted field value.
    mutating func scanLineEnd() -> Int {
        var index = position
        var inFields = false
        var quoted = false
        var equalsSeen = 0
        var commasSeen = 0
        while index < end {
            let byte = bytes[index]
            if byte == backslash && index + 1 < end && !quoted {
                index += 2
                continue
            }
            if quoted {
                if byte == backslash && index + 1 < end {
                    index += 2
                    continue
                }
                if byte == quote { quoted = false }
                if byte == newline { lineNumber += 1 }
                index += 1
                continue
            }
            if byte == newline { break }
            if byte == space { inFields = true }
            if inFields {
                if byte == equals { equalsSeen += 1 }
                if byte == comma { commasSeen += 1 }
                if byte == quote && equalsSeen > commasSeen { quoted = true }
            }
            index += 1
        }
        return index
    }

    // MARK: Keys

    mutating func scanMeasurement() throws(LineProtocolError.Reason) -> String {
        let start = position
        var escaped = false
        while position < end {
            skipPlain()
            guard position < end else { break }
            let byte = bytes[position]
            if byte == backslash && position + 1 < end && bytes[position + 1] != newline {
                escaped = true
                position += 2
                continue
            }
            if byte == comma || byte == space || byte == tab { break }
            if byte == newline || byte == carriageReturn { throw .missingFields }
            position += 1
        }
        if position == start { throw .missingMeasurement }
        if position >= end { throw .missingFields }
        return escaped ? unescape(start, position, measurementEscapes) : string(start, position)
    }

    mutating func scanTag() throws(LineProtocolError.Reason) -> Tag {
        let keyStart = position
        var escaped = false
        while true {
            skipPlain()
            guard position < end else { throw position == keyStart ? .missingTagKey : .missingTagValue }
            let byte = bytes[position]
            if byte == backslash && position + 1 < end && bytes[position + 1] != newline {
                escaped = true
                position += 2
                continue
            }
            if byte == equals { break }
            if byte == comma || byte == space || byte == tab || byte == newline {
                throw position == keyStart ? .missingTagKey : .missingTagValue
            }
            position += 1
        }
        if position == keyStart { throw .missingTagKey }
        let key = escaped ? unescape(keyStart, position, tagEscapes) : string(keyStart, position)
        position += 1
        let valueStart = position
        escaped = false
        while position < end {
            skipPlain()
            guard position < end else { break }
            let byte = bytes[position]
            if byte == backslash && position + 1 < end && bytes[position + 1] != newline {
                escaped = true
                position += 2
                continue
            }
            if byte == comma || byte == space || byte == tab || byte == newline { break }
            if byte == equals && position > valueStart { throw .invalidTagFormat }
            position += 1
        }
        if position == valueStart { throw .missingTagValue }
        let value = escaped ? unescape(valueStart, position, tagEscapes) : string(valueStart, position)
        return Tag(key, value)
    }

    // MARK: Fields

    mutating func scanField() throws(LineProtocolError.Reason) -> Field {
        let keyStart = position
        var escaped = false
        while true {
            skipPlain()
            guard position < end else { throw .invalidFieldFormat }
            let byte = bytes[position]
            if byte == backslash && position + 1 < end && bytes[position + 1] != newline {
                escaped = true
                position += 2
                continue
            }
            if byte == equals { break }
            if byte == comma || byte == space || byte == tab || byte == newline { throw .invalidFieldFormat }
            position += 1
        }
        if position == keyStart { throw .missingFieldKey }
        let keyEnd = position
        let key = escaped
            ? unescape(keyStart, keyEnd, fieldKeyEscapes)
            : fieldKeys.key(bytes, keyStart, keyEnd - keyStart) { [bytes] in
                String(decoding: UnsafeBufferPointer(start: bytes + keyStart, count: keyEnd - keyStart), as: UTF8.self)
            }
        position += 1
        guard position < end else { throw .missingFieldValue }
        let byte = bytes[position]
        let value: FieldValue
        switch byte {
        case quote:
            value = .string(try scanString())
        case comma, space, tab, newline, carriageReturn:
            throw .missingFieldValue
        case zero...nine, dot, minus, UInt8(ascii: "N"), UInt8(ascii: "n"):
            value = try scanNumber()
        default:
            value = .bool(try scanBoolean())
        }
        if position < end {
            let next = bytes[position]
            if next != comma && next != space && next != tab && next != newline && next != carriageReturn {
                throw .invalidFieldFormat
            }
        }
        return Field(key, value)
    }

    mutating func scanString() throws(LineProtocolError.Reason) -> String {
        position += 1
        let start = position
        var escaped = false
        while position < end {
            let byte = bytes[position]
            if byte == backslash && position + 1 < end {
                escaped = true
                if bytes[position + 1] == newline { lineNumber += 1 }
                position += 2
                continue
            }
            if byte == quote {
                let value = escaped ? unescape(start, position, stringEscapes) : string(start, position)
                position += 1
                return value
            }
            if byte == newline { lineNumber += 1 }
            position += 1
        }
        throw .unbalancedQuotes
    }

    mutating func scanBoolean() throws(LineProtocolError.Reason) -> Bool {
        let start = position
        while position < end {
            let byte = bytes[position]
            if byte == comma || byte == space || byte == tab || byte == newline || byte == carriageReturn { break }
            position += 1
        }
        switch position - start {
        case 1:
            switch bytes[start] {
            case UInt8(ascii: "t"), UInt8(ascii: "T"): return true
            case UInt8(ascii: "f"), UInt8(ascii: "F"): return false
            default: throw .invalidBoolean
            }
        case 4 where matches(start, "true") || matches(start, "True") || matches(start, "TRUE"): return true
        case 5 where matches(start, "false") || matches(start, "False") || matches(start, "FALSE"): return false
        default: throw .invalidBoolean
        }
    }

    mutating func matches(_ start: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard start + count <= end else { return false }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    // MARK: Timestamp

    mutating func scanTimestamp() throws(LineProtocolError.Reason) -> Timestamp {
        _ = skipSpaces()
        while position < end && bytes[position] == carriageReturn { position += 1 }
        guard position < end, bytes[position] != newline else { return defaultTime }
        let start = position
        var negative = false
        if bytes[position] == minus {
            negative = true
            position += 1
        }
        var magnitude: UInt64 = 0
        var overflowed = false
        let base = bytes, stop = end, digitsStart = position
        var index = position
        while index < stop {
            let digit = base[index] &- zero
            guard digit < 10 else { break }
            if index &- digitsStart < 18 {
                magnitude = magnitude &* 10 &+ UInt64(digit)
            } else {
                let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (added, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
                if overflow1 || overflow2 { overflowed = true }
                magnitude = added
            }
            index &+= 1
        }
        let digits = index &- digitsStart
        position = index
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        if magnitude > limit { overflowed = true }
        let value = negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(truncatingIfNeeded: magnitude)
        if digits == 0 && negative {
            throw .timestampSyntax(string(start, position))
        }
        if digits == 0 || (position < end && bytes[position] != space && bytes[position] != newline
            && bytes[position] != carriageReturn) {
            throw .badTimestamp
        }
        let digitsEnd = position
        while position < end && (bytes[position] == space || bytes[position] == carriageReturn) { position += 1 }
        if position < end && bytes[position] != newline { throw .pointIsInvalid }
        if overflowed { throw .timestampOutOfRange(string(start, digitsEnd)) }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: precision.nanoseconds)
        if overflow || scaled < minNanoTime || scaled > maxNanoTime { throw .timeOutsideRange }
        return scaled
    }

    // MARK: Strings

    mutating func string(_ start: Int, _ stop: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + start, count: stop - start), as: UTF8.self)
    }

    /// Removes the backslash before the characters `escapes` names; other backslashes stay as written.
    mutating func unescape(_ start: Int, _ stop: Int, _ escapes: EscapeSet) -> String {
        scratch.removeAll(keepingCapacity: true)
        var index = start
        while index < stop {
            let byte = bytes[index]
            if byte == backslash && index + 1 < stop {
                let next = bytes[index + 1]
                if escapes.contains(next) {
                    scratch.append(next)
                    index += 2
                    continue
                }
            }
            scratch.append(byte)
            index += 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
