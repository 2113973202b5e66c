import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A real HTTP listener on a free loopback port that records each POST it receives (path with
/// query, lowercase header names, body) and answers with `status` and `reply`: the receiving end
/// of handler, httpPost and service-test tests.
public final class HTTPRecorder: Sendable {
    /// One recorded request.
    public struct Request: Sendable {
        /// The path with its query string.
        public var uri: String
        /// The path alone.
        public var path: String
        /// The header values by lowercase name.
        public var headers: [String: String]
        public var body: String
    }

    /// The requests so far, in arrival order.
    public let requests = Mutex<[Request]>([])
    let status: HTTPResponse.Status
    let reply: String

    /// A recorder answering `status` with `reply` as the body.
    public init(status: HTTPResponse.Status = .ok, reply: String = "") {
        self.status = status
        self.reply = reply
    }

    /// The bodies received so far.
    public var bodies: [String] { requests.withLock { $0.map(\.body) } }

    /// The only request received, nil when there were none or several.
    public var single: Request? { requests.withLock { $0.count == 1 ? $0[0] : nil } }

    /// Runs `body` with the listener's base URL (`http://127.0.0.1:port`) while it serves.
    public func serving<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let recorded = Request(
                uri: request.uri.description, path: request.uri.path, headers: headers, body: String(buffer: buffer))
            self.requests.withLock { $0.append(recorded) }
            return Response(status: self.status, body: ResponseBody(byteBuffer: ByteBuffer(string: self.reply)))
        }
        let port = Mutex<Int?>(nil)
        var logger = Logger(label: "http-recorder")
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
