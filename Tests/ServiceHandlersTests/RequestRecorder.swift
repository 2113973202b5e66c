import AlertHandlers
import Alerting
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Models
import NIOCore
import Synchronization

/// A request a service handler sent: its path with query, headers (lowercase names) and body.
struct RecordedRequest: Sendable {
    var uri: String
    var headers: [String: String]
    var body: String
}

/// A real HTTP listener on a free loopback port that records what handlers POST to it and
/// answers with `status`.
final class RequestRecorder: Sendable {
    let requests = Mutex<[RecordedRequest]>([])
    let status: HTTPResponse.Status
    let responseBody: String

    init(status: HTTPResponse.Status = .ok, responseBody: String = "") {
        self.status = status
        self.responseBody = responseBody
    }

    /// Runs `body` with the listener's base URL (`http://127.0.0.1:port`) while it serves.
    func serving<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let recorded = RecordedRequest(uri: request.uri.description, headers: headers, body: String(buffer: buffer))
            self.requests.withLock { $0.append(recorded) }
            return Response(status: self.status, body: .init(byteBuffer: ByteBuffer(string: self.responseBody)))
        }
        let port = Mutex<Int?>(nil)
        var logger = Logger(label: "recorder")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } }, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []); return nil }
            while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(5)) }
            let url = "http://127.0.0.1:\(port.withLock { $0 } ?? 0)"
            let result = try await body(url)
            group.cancelAll()
            return result
        }
    }

    /// The only request received.
    var single: RecordedRequest? {
        requests.withLock { $0.count == 1 ? $0[0] : nil }
    }
}

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
