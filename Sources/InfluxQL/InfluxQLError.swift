/// A problem with an InfluxQL query, worded as influxql and Kapacitor word it.
public struct InfluxQLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The complete message.
    public let message: String

    /// An error with `message` as is.
    public init(_ message: String) { self.message = message }

    /// influxql's `found X, expected A, B at line L, char C`.
    static func unexpected(_ token: Token, expected: [String]) -> Self {
        Self("found \(token.display), expected \(expected.joined(separator: ", ")) at line \(token.position.line + 1), char \(token.position.char + 1)")
    }

    /// influxql's `MESSAGE at line L, char C`.
    static func at(_ position: Position, _ message: String) -> Self {
        Self("\(message) at line \(position.line + 1), char \(position.char + 1)")
    }

    /// The message.
    public var description: String { message }
}
