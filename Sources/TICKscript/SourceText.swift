/// A script's bytes with the line starts needed to turn offsets into Kapacitor's `line L char C`.
public struct SourceText: Sendable {
    /// The script as UTF-8.
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    /// Wraps a script.
    public init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The 1-based line and 1-based byte column of `offset` (the end of the text is allowed).
    public func position(of offset: Int) -> (line: Int, char: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The text around `offset` that Kapacitor quotes in errors: up to 10 bytes either side,
    /// within the offset's line.
    public func context(around offset: Int) -> String {
        var start = max(offset - 10, 0)
        if let newline = bytes[start..<min(offset, bytes.count)].lastIndex(of: UInt8(ascii: "\n")) { start = newline + 1 }
        var stop = min(offset + 10, bytes.count)
        if offset < bytes.count, let newline = bytes[offset..<stop].firstIndex(of: UInt8(ascii: "\n")) { stop = newline }
        return String(decoding: bytes[start..<max(start, stop)], as: UTF8.self)
    }

    /// The source text between two offsets.
    public func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
