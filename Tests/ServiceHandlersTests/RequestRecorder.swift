import AlertHandlers
import Alerting
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Models
import NIOCore
import Synchronization

/// Posts with AsyncHTTPClient's shared client, as the server's poster does.
struct TestPoster: HTTPPoster {
    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> HTTPPostResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = try await response.body.collect(upTo: 1 << 20)
        return HTTPPostResponse(status: Int(response.status.code), body: String(buffer: text))
    }
}
