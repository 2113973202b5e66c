import APIModels
import Hummingbird

/// An API failure with its HTTP status; the body is Kapacitor's `{"error": "...", "message": "..."}`.
public struct APIError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.code) \(message)" }

    /// The JSON response for the error.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONBody.response(status, ErrorBody(error: message, message: message))
    }
}

/// Kapacitor's error body; both keys carry the message (the Go client reads `error`).
struct ErrorBody: Encodable {
    let error: String
    let message: String
}
