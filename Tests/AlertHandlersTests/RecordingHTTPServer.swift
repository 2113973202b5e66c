import Hummingbird
import Logging
import NIOCore
import Synchronization

/// An HTTP listener on a free loopback port that records each POST (path, headers, body) and
/// answers with `status` and `reply`.
final class RecordingHTTPServer: Sendable {
    /// One recorded request.
    struct Request: Sendable {
        var path: String
        /// By lowercased name.
        var headers: [String: String]
        var body: String
    }

    let requests = Mutex<[Request]>([])
    let status: HTTPResponse.Status
    let reply: String

    init(status: HTTPResponse.Status = .ok, reply: String = "") {
        self.status = status
        self.reply = reply
    }

    /// Runs `body` with the listener's base URL while it serves.
    func serving<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let recorded = Request(path: request.uri.path, headers: headers, body: String(buffer: buffer))
            self.requests.withLock { $0.append(recorded) }
            return Response(status: self.status, body: ResponseBody(byteBuffer: ByteBuffer(string: self.reply)))
        }
        let port = Mutex<Int?>(nil)
        var logger = Logger(label: "http-server")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } }, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []); return nil }
            while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(5)) }
            let result = try await body("http://127.0.0.1:\(port.withLock { $0 } ?? 0)")
            group.cancelAll()
            return result
        }
    }
}
