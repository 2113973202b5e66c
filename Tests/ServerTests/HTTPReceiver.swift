import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A real HTTP listener on a free loopback port that records the bodies POSTed to it and answers
/// with `status`.
final class HTTPReceiver: Sendable {
    let bodies = Mutex<[String]>([])
    let status: HTTPResponse.Status

    init(status: HTTPResponse.Status = .ok) { self.status = status }

    /// Runs `body` with the listener's base URL while it serves.
    func serving<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            self.bodies.withLock { $0.append(String(buffer: buffer)) }
            return Response(status: self.status)
        }
        let port = Mutex<Int?>(nil)
        var logger = Logger(label: "receiver")
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
}
