/// A hypermedia link as Kapacitor's API writes it: `{"rel":"self","href":"/kapacitor/v1/tasks/x"}`.
public struct Link: Sendable, Hashable, Codable {
    /// The relation: `self`, `events` or `handlers`.
    public var rel: String
    /// The path of the linked resource.
    public var href: String

    /// Creates a link.
    public init(rel: String = "self", href: String) {
        self.rel = rel
        self.href = href
    }
}

/// The body of every API error: `{"error": "..."}`.
public struct ErrorResponse: Sendable, Codable, Equatable {
    /// The message.
    public var error: String

    /// Creates an error body.
    public init(error: String) { self.error = error }
}
