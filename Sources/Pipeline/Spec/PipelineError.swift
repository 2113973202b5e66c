import TICKscript

/// Why a pipeline cannot be built from a script: a message and, when known, the byte offset of
/// the call or value at fault.
public struct PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, without position.
    public var message: String
    /// The byte offset in the script the message is about.
    public var offset: Int?

    /// Creates an error.
    public init(_ message: String, at offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    /// The message with Kapacitor's `line L char C: ` prefix when the position is known.
    public func located(in source: SourceText) -> String {
        guard let offset else { return message }
        let position = source.position(of: offset)
        return "line \(position.line) char \(position.char): \(message)"
    }

    public var description: String { message }
}
