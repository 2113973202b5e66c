import AsyncHTTPClient
import Models
import NIOCore

/// POSTs with AsyncHTTPClient's shared client, for `httpPost` nodes.
public struct AsyncHTTPPoster: HTTPPoster {
    /// A poster on the shared client.
    public init() {}

    public func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> HTTPPostResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let deadline: TimeAmount = timeout > .zero ? .nanoseconds(timeout.nanosecondsValue) : .seconds(30)
        let response = try await HTTPClient.shared.execute(request, timeout: deadline)
        let text = try await response.body.collect(upTo: 1 << 20)
        return HTTPPostResponse(status: Int(response.status.code), body: String(buffer: text))
    }
}
