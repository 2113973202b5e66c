import AsyncHTTPClient
import CompressNIO
import Foundation
import InfluxQL
import LineProtocol
import Models
import NIOCore
import NIOHTTP1
import Synchronization

/// The HTTP client of one `[[influxdb]]` cluster, speaking the 1.x API that InfluxDB 2.x and
/// Cloud also serve: `/query`, `/write` and `/ping`, with basic auth (the password is the token
/// on 2.x), failover across the URLs and TLS.
public final class InfluxDBClient: Sendable {
    /// The section the client was made from.
    public let config: InfluxDBConfig
    private let http: HTTPClient
    private let authorization: String?
    /// The index of the URL that answered last; requests start there.
    private let current = Atomic<Int>(0)

    /// A client for `config`; fails with Kapacitor's message when the section is invalid.
    public init(_ config: InfluxDBConfig) throws(InfluxDBError) {
        try config.validate()
        self.config = config
        if !config.token.isEmpty {
            authorization = "Token " + config.token
        } else if !config.username.isEmpty {
            authorization = "Basic " + Data("\(config.username):\(config.password)".utf8).base64EncodedString()
        } else {
            authorization = nil
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: try Self.tlsConfiguration(config))
        // A URL that refuses the connection fails at once, so that the next one is tried.
        configuration.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit {
        _ = http.shutdown()
    }

    /// Runs `influxql` (GET for `SELECT`/`SHOW`, POST for statements that change things) with
    /// times as nanoseconds, and returns the series of the first statement. InfluxDB's error, of
    /// the request or of a statement, is thrown with its message.
    public func query(_ influxql: String, database: String = "") async throws(InfluxDBError) -> [QuerySeries] {
        try await results(influxql, database: database).first ?? []
    }

    /// Runs `influxql` and returns the series of every statement, in order.
    public func results(_ influxql: String, database: String = "") async throws(InfluxDBError) -> [[QuerySeries]] {
        let query = URLEncoding.query([("db", database), ("q", influxql), ("epoch", "ns")])
        let method: HTTPMethod = InfluxQLSyntax.isReadOnly(influxql) ? .GET : .POST
        let response = try await send(method, path: "query", query: query, body: nil, expecting: [200])
        let decoded = try QueryResponse.decode(response.body)
        if let error = decoded.firstError { throw InfluxDBError(error) }
        return (decoded.results ?? []).map { ($0.series ?? []).map(\.querySeries) }
    }

    /// Writes `points` to `database`.`retentionPolicy` in one request, line protocol at
    /// `precision` (`ns` when empty), gzipped when the cluster's `compression` is `gzip`.
    public func write(
        _ points: [Point], database: String, retentionPolicy: String = "", precision: String = "", consistency: String = ""
    ) async throws(InfluxDBError) {
        guard let unit = Precision(parameter: precision) else { throw InfluxDBError("invalid precision \"\(precision)\"") }
        var lines: [UInt8] = []
        lines.reserveCapacity(points.count * 64)
        for point in points { LineProtocolSerializer.append(point, precision: unit, to: &lines) }
        var body = ByteBuffer(bytes: lines)
        var headers = [("Content-Type", "application/octet-stream")]
        if config.compression == "gzip" {
            do {
                body = try body.compress(with: .gzip())
            } catch {
                throw InfluxDBError("failed to gzip the write: \(error)")
            }
            headers.append(("Content-Encoding", "gzip"))
        }
        let query = URLEncoding.query([
            ("db", database), ("rp", retentionPolicy), ("precision", unit == .nanoseconds ? "ns" : unit.rawValue),
            ("consistency", consistency),
        ])
        _ = try await send(.POST, path: "write", query: query, body: body, headers: headers, expecting: [204, 200])
    }

    /// `CREATE DATABASE`, with `WITH NAME rp` when a retention policy is named, as influxDBOut's
    /// `create` does; a no-op when they exist.
    public func createDatabase(_ database: String, retentionPolicy: String = "") async throws(InfluxDBError) {
        var statement = "CREATE DATABASE " + InfluxQLSyntax.doubleQuoted(database)
        if !retentionPolicy.isEmpty { statement += " WITH NAME " + InfluxQLSyntax.doubleQuoted(retentionPolicy) }
        _ = try await results(statement)
    }

    /// Pings the cluster and returns the server's version (`X-Influxdb-Version`).
    public func ping() async throws(InfluxDBError) -> String {
        let response = try await send(.GET, path: "ping", query: "", body: nil, expecting: [204, 200])
        return response.headers.first(name: "X-Influxdb-Version") ?? ""
    }

    /// A response's status, headers and body.
    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Sends a request to the URL that answered last, then to the next ones when it cannot be
    /// reached; an HTTP error status becomes InfluxDB's `{"error": …}` message.
    private func send(
        _ method: HTTPMethod, path: String, query: String, body: ByteBuffer?, headers: [(String, String)] = [],
        expecting codes: [Int]
    ) async throws(InfluxDBError) -> Response {
        let urls = config.urls
        let start = current.load(ordering: .relaxed) % urls.count
        var failures: [String] = []
        for offset in 0..<urls.count {
            let index = (start + offset) % urls.count
            var base = urls[index]
            while base.hasSuffix("/") { base.removeLast() }
            var request = HTTPClientRequest(url: base + "/" + path + (query.isEmpty ? "" : "?" + query))
            request.method = method
            request.headers.add(name: "User-Agent", value: "Condenser")
            if let authorization { request.headers.add(name: "Authorization", value: authorization) }
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let body { request.body = .bytes(body) }
            let response: HTTPClientResponse
            let bytes: ByteBuffer
            do {
                response = try await http.execute(request, deadline: deadline)
                bytes = try await response.body.collect(upTo: 1 << 28)
            } catch {
                failures.append("\(base): \(error)")
                continue
            }
            current.store(index, ordering: .relaxed)
            let result = Response(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
            guard codes.contains(result.status) else { throw Self.error(result) }
            return result
        }
        throw InfluxDBError("failed to reach InfluxDB: " + failures.joined(separator: "; "), isUnreachable: true)
    }

    private var deadline: NIODeadline {
        config.timeout > 0 ? .now() + .nanoseconds(config.timeout) : .distantFuture
    }

    /// InfluxDB's message for a failed request: the body's `error`, else the status code.
    static func error(_ response: Response) -> InfluxDBError {
        struct ErrorBody: Decodable { var error: String? }
        if let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body)), let message = decoded.error, !message.isEmpty {
            return InfluxDBError(message, status: response.status)
        }
        return InfluxDBError("invalid response: code \(response.status)", status: response.status)
    }
}
