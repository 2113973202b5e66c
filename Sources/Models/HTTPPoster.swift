/// Sends HTTP POST requests for nodes and handlers that push data out (`httpPost`, alert `post`):
/// injected, so the pipeline does no I/O of its own and tests can use a local listener.
public protocol HTTPPoster: Sendable {
    /// Posts `body` to `url` with `headers`, failing after `timeout` (none when zero).
    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> HTTPPostResponse
}

/// The status and body of a POST's response.
public struct HTTPPostResponse: Sendable, Equatable {
    public var status: Int
    public var body: String

    /// Creates a response.
    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}
