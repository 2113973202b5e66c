import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Server

/// A temporary data directory removed when the value is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "condenser-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A configuration on the embedded defaults with its data in `directory`.
func testConfig(_ directory: TemporaryDirectory, extra: String = "") throws -> Config {
    try Config.load(path: "test.conf", contents: "data_dir = \"\(directory.path)\"\nhostname = \"testhost\"\n" + extra)
}

let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

/// Runs a daemon on `config` on a free port for the duration of `body`.
func withDaemon<T: Sendable>(
    _ config: Config, clock: any WallClock = SystemClock(),
    _ body: @Sendable (any TestClientProtocol, Daemon) async throws -> T
) async throws -> T {
    let daemon = try Daemon(config: config, logger: quietLogger, clock: clock)
    defer { daemon.taskMaster.stop() }
    return try await daemon.application().test(.live) { client in try await body(client, daemon) }
}

extension TestClientProtocol {
    /// Sends a request with a string body and returns status and body text.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        let response = try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return (response.status, String(buffer: response.body), response.headers)
    }

    /// Sends a request and decodes the JSON response as an object.
    func json(
        _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        let (status, text, _) = try await call(method, uri, body, headers: headers)
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return (status, object)
    }
}

/// The `points_received` of the ingress statistic for one db/rp/measurement in `/debug/vars`.
func ingressCount(_ vars: [String: Any], database: String, retentionPolicy: String, measurement: String) -> Int? {
    guard let statistics = vars["kapacitor"] as? [String: Any] else { return nil }
    for case let statistic as [String: Any] in statistics.values {
        guard statistic["name"] as? String == "ingress", let tags = statistic["tags"] as? [String: String],
              tags["database"] == database, tags["retention_policy"] == retentionPolicy, tags["measurement"] == measurement,
              let values = statistic["values"] as? [String: Any]
        else { continue }
        return values["points_received"] as? Int
    }
    return nil
}
