import Foundation
import Synchronization

/// A real `influxd` (Debian's `influxdb` package, 1.x) for tests: its own temporary directory,
/// HTTP and RPC ports on loopback, authentication enabled with an admin user and a second user
/// granted all privileges on one database, whose password plays an InfluxDB 2.x API token.
/// Stopped and its directory removed when released.
public final class InfluxD: @unchecked Sendable {
    /// The admin user.
    public let adminUser = "admin"
    public let adminPassword = "admin-secret"
    /// The non-admin user standing for a 2.x token: its password is the token.
    public let tokenUser = "condenser"
    public let token = "t0ken+with/odd=chars"
    /// The database the token user may read and write.
    public let database: String
    /// The HTTP port.
    public let port: Int
    /// The temporary directory holding the configuration, data, meta and WAL dirs and the log.
    public let directory: String
    private let rpcPort: Int
    private let process = Mutex<Process?>(nil)
    private let certificate = Mutex<String?>(nil)

    /// The `influxd` binary, or nil when it is not installed.
    public static var binary: String? {
        for directory in ["/usr/bin", "/usr/local/bin", "/usr/sbin"] where FileManager.default.isExecutableFile(atPath: directory + "/influxd") {
            return directory + "/influxd"
        }
        return nil
    }

    /// Whether tests needing influxd should run: it is installed, or `CONDENSER_REQUIRE_PEERS=1`
    /// demands it (then a missing binary fails the test instead of skipping it).
    public static var shouldRun: Bool {
        binary != nil || ProcessInfo.processInfo.environment["CONDENSER_REQUIRE_PEERS"] == "1"
    }

    /// The base URL of the HTTP API (`https` once `enableTLS()` ran).
    public var url: String { (certificate.withLock { $0 } == nil ? "http" : "https") + "://127.0.0.1:\(port)" }

    /// Starts influxd, waits until it answers `/ping`, creates the admin user, `database` and the
    /// token user with `GRANT ALL ON` it.
    public init(database: String = "condenser") throws {
        guard Self.binary != nil else { throw Failure("influxd is not installed (Debian package influxdb)") }
        self.database = database
        port = FreePort.next()
        directory = NSTemporaryDirectory() + "influxd-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        rpcPort = FreePort.next()
        try writeConfig()
        try start()
        try statement("CREATE USER \(adminUser) WITH PASSWORD '\(adminPassword)' WITH ALL PRIVILEGES", authenticated: false)
        try statement("CREATE DATABASE \"\(database)\"")
        try statement("CREATE USER \(tokenUser) WITH PASSWORD '\(token)'")
        try statement("GRANT ALL ON \"\(database)\" TO \(tokenUser)")
    }

    /// Restarts influxd serving HTTPS with a new self-signed certificate for 127.0.0.1 (made with
    /// `openssl`), and returns the certificate's PEM file. The helpers `query`, `write` and
    /// `statement` speak plain HTTP and no longer work.
    @discardableResult
    public func enableTLS() throws -> String {
        let path = try SelfSignedCertificate(in: directory, host: "127.0.0.1").certificate
        stop()
        certificate.withLock { $0 = path }
        try writeConfig()
        try start()
        return path
    }

    private func writeConfig() throws {
        var https = ""
        if let certificate = certificate.withLock({ $0 }) {
            https = """

                  https-enabled = true
                  https-certificate = "\(certificate)"
                  https-private-key = "\(directory)/key.pem"
                """
        }
        let config = """
            reporting-disabled = true
            bind-address = "127.0.0.1:\(rpcPort)"
            [meta]
              dir = "\(directory)/meta"
            [data]
              dir = "\(directory)/data"
              wal-dir = "\(directory)/wal"
              query-log-enabled = false
            [http]
              enabled = true
              bind-address = "127.0.0.1:\(port)"
              auth-enabled = true
              log-enabled = false\(https)
            [monitor]
              store-enabled = false
            [continuous_queries]
              enabled = false
            [logging]
              level = "warn"
            """
        try config.write(toFile: directory + "/influxdb.conf", atomically: true, encoding: .utf8)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts influxd on the same ports and data, and waits until `/ping` answers.
    public func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary ?? "influxd")
        process.arguments = ["-config", directory + "/influxdb.conf"]
        _ = FileManager.default.createFile(atPath: directory + "/influxd.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/influxd.log"))
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process.withLock { $0 = process }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            // Over HTTPS, Go's answer to plain HTTP (400) shows that the server is up.
            let expected = certificate.withLock { $0 } == nil ? 204 : 400
            if let response = try? LoopbackHTTP.request(port: port, "GET", "/ping"), response.status == expected { return }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        let output = (try? String(contentsOfFile: directory + "/influxd.log", encoding: .utf8)) ?? ""
        stop()
        throw Failure("influxd did not answer /ping on port \(port): \(output.suffix(2000))")
    }

    /// Stops influxd (SIGTERM, then waits for it to exit); its data stays for `start()`.
    public func stop() {
        guard let process = process.withLock({ process in defer { process = nil }; return process }) else { return }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Runs InfluxQL as the admin (or unauthenticated) with POST and returns the JSON body; fails
    /// on an HTTP error or an `"error"` in the result.
    @discardableResult
    public func statement(_ influxql: String, authenticated: Bool = true) throws -> String {
        var path = "/query?epoch=ns&q=" + LoopbackHTTP.encode(influxql)
        if authenticated { path += "&u=\(adminUser)&p=" + LoopbackHTTP.encode(adminPassword) }
        let response = try LoopbackHTTP.request(port: port, "POST", path)
        guard response.status == 200, !response.body.contains("\"error\"") else {
            throw Failure("\(influxql): \(response.status) \(response.body)")
        }
        return response.body
    }

    /// Runs a `SELECT` or `SHOW` on `database` as the admin and returns the JSON body.
    public func query(_ influxql: String, database: String? = nil) throws -> String {
        let path = "/query?epoch=ns&db=" + LoopbackHTTP.encode(database ?? self.database) + "&q=" + LoopbackHTTP.encode(influxql)
            + "&u=\(adminUser)&p=" + LoopbackHTTP.encode(adminPassword)
        let response = try LoopbackHTTP.request(port: port, "GET", path)
        guard response.status == 200 else { throw Failure("\(influxql): \(response.status) \(response.body)") }
        return response.body
    }

    /// Writes line protocol to `database` as the admin.
    public func write(_ lines: String, database: String? = nil, precision: String = "ns") throws {
        let path = "/write?db=" + LoopbackHTTP.encode(database ?? self.database) + "&precision=\(precision)&u=\(adminUser)&p="
            + LoopbackHTTP.encode(adminPassword)
        let response = try LoopbackHTTP.request(port: port, "POST", path, body: Array(lines.utf8))
        guard response.status == 204 else { throw Failure("write: \(response.status) \(response.body)") }
    }

    /// Something went wrong with influxd.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
