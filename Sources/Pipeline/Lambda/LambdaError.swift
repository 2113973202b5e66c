/// A lambda that does not compile, or that fails on a point, with Kapacitor's message.
public struct LambdaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message in Kapacitor's words where Kapacitor has one.
    public var message: String
    /// For compile-time errors, the byte offset in the script of the node at fault (turn it into
    /// `line:char` with `SourceText.position(of:)`); nil for errors on a point.
    public var offset: Int?

    /// Creates an error.
    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }

    /// The error with `prefix` before its message, keeping its offset.
    func prefixed(_ prefix: String) -> LambdaError { LambdaError(prefix + message, offset: offset) }

    /// Kapacitor's `ErrTypeGuardFailed`.
    static func typeGuard(actual: String, expected: LambdaType) -> LambdaError {
        LambdaError("TypeGuard: expression returned unexpected type \(actual), expected \(expected.name)")
    }
}
