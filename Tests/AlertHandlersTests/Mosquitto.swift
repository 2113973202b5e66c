import Foundation

/// Debian's Mosquitto broker (package `mosquitto`) on a free loopback port with a temporary
/// configuration: anonymous, or with a password file of `users`.
final class Mosquitto: Sendable {
    static let broker = peerBinary("/usr/sbin/mosquitto", "/usr/bin/mosquitto")
    static let subscriber = peerBinary("/usr/bin/mosquitto_sub")
    static let passwd = peerBinary("/usr/bin/mosquitto_passwd")
    /// Whether the broker and its clients (package `mosquitto-clients`) are installed.
    static let installed = broker != nil && subscriber != nil && passwd != nil

    let port: Int
    let directory = TemporaryDirectory()
    let users: [String: String]
    private let process: PeerProcess

    /// Starts a broker on `port` (a free one when nil); with `tls`, the listener speaks TLS with a
    /// certificate for 127.0.0.1 signed by the test CA in `ca.pem` of the directory.
    init(users: [String: String] = [:], port: Int? = nil, tls: Bool = false) async throws {
        guard let broker = Self.broker, let passwd = Self.passwd else { throw PeerError("install mosquitto and mosquitto-clients") }
        self.users = users
        if let port { self.port = port } else { self.port = try await freePort() }
        var config = "listener \(self.port) 127.0.0.1\npersistence false\nlog_dest stderr\nuser root\n"
        if users.isEmpty {
            config += "allow_anonymous true\n"
        } else {
            let file = directory.path + "/passwd"
            for (user, password) in users {
                let tool = try PeerProcess(passwd, (FileManager.default.fileExists(atPath: file) ? ["-b"] : ["-b", "-c"]) + [file, user, password])
                try await tool.waitForExit()
            }
            config += "allow_anonymous false\npassword_file \(file)\n"
        }
        if tls {
            try await Self.makeCertificates(in: directory)
            config += "cafile \(directory.path)/ca.pem\ncertfile \(directory.path)/server.pem\nkeyfile \(directory.path)/server.key\n"
        }
        let configFile = try directory.write("mosquitto.conf", config)
        process = try PeerProcess(broker, ["-c", configFile])
        let port = self.port
        try await process.wait(for: "mosquitto") { await acceptsConnections(port) }
    }

    /// A test CA (`ca.pem`) and a server certificate for IP 127.0.0.1 (`server.pem`, `server.key`).
    static func makeCertificates(in directory: TemporaryDirectory) async throws {
        let path = directory.path
        try directory.write("san.cnf", "subjectAltName=IP:127.0.0.1\n")
        for arguments in [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(path)/ca.key", "-out", "\(path)/ca.pem",
             "-days", "1", "-subj", "/CN=condenser-test-ca"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(path)/server.key", "-out", "\(path)/server.csr",
             "-subj", "/CN=127.0.0.1"],
            ["x509", "-req", "-in", "\(path)/server.csr", "-CA", "\(path)/ca.pem", "-CAkey", "\(path)/ca.key",
             "-CAcreateserial", "-out", "\(path)/server.pem", "-days", "1", "-extfile", "\(path)/san.cnf"],
        ] {
            try await PeerProcess("/usr/bin/openssl", arguments).waitForExit()
        }
    }

    /// Stops the broker.
    func stop() { process.stop() }

    /// What the broker logged so far.
    var log: String { process.output }

    /// A `mosquitto_sub` on `topic` (QoS 2) that exits after `count` messages, once subscribed.
    func subscribe(_ topic: String, count: Int, caFile: String? = nil) async throws -> Subscription {
        guard let subscriber = Self.subscriber else { throw PeerError("install mosquitto-clients") }
        var arguments = ["-h", "127.0.0.1", "-p", String(port), "-t", topic, "-q", "2", "-C", String(count), "-d",
                         "-F", "MSG %t|%q|%r|%p"]
        if let (user, password) = users.first { arguments += ["-u", user, "-P", password] }
        if let caFile { arguments += ["--cafile", caFile] }
        // Line-buffered, so that the debug line of the SUBACK arrives before the subscriber exits.
        let process = try PeerProcess("/usr/bin/stdbuf", ["-oL", subscriber] + arguments)
        try await process.wait(for: "mosquitto_sub") { process.output.contains("SUBACK") }
        return Subscription(process: process)
    }

    /// A running subscriber.
    struct Subscription {
        let process: PeerProcess

        /// The received messages as `topic|qos|retained|payload`, once all arrived.
        func messages() async throws -> [String] {
            try await process.waitForExit()
            return process.output.split(separator: "\n").filter { $0.hasPrefix("MSG ") }.map { String($0.dropFirst(4)) }
        }
    }
}
