import AsyncHTTPClient
import Models
import NIOCore

/// POSTs without verifying the server's TLS certificate, for `post` handlers with
/// `skip-ssl-verification`; all of them share one client that lives as long as the process.
struct InsecureHTTPPoster: HTTPPoster {
    /// The shared client that accepts any certificate.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(certificateVerification: .none)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> HTTPPostResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let (seconds, attoseconds) = timeout.components
        let deadline: TimeAmount = timeout > .zero ? .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000) : .seconds(30)
        let response = try await Self.client.execute(request, timeout: deadline)
        let text = try await response.body.collect(upTo: 1 << 20)
        return HTTPPostResponse(status: Int(response.status.code), body: String(buffer: text))
    }
}
