import Foundation
import TestPeers
import Testing

/// Debian's aiosmtpd (`python3-aiosmtpd`), a real SMTP server, run on a free loopback port with a
/// self-signed certificate: STARTTLS required, or SMTPS (TLS from the first byte). It prints each
/// message it receives, which the test reads.
final class AIOSMTPD: Sendable {
    static let python = "/usr/bin/python3"
    let port: Int
    private let directory = TemporaryDirectory()
    private let process: PeerProcess

    /// Whether the server can run here; a missing one fails the test when peers are required.
    static func available() async throws -> Bool {
        if FileManager.default.isExecutableFile(atPath: python) {
            let check = try PeerProcess(python, ["-c", "import aiosmtpd"])
            try await check.waitForExit()
            if check.output.isEmpty { return true }
        }
        if peersRequired { Issue.record("python3-aiosmtpd is required (scripts/install-deps.sh test installs it)") }
        return false
    }

    /// Starts the server; `smtps` makes it speak TLS from the first byte.
    init(smtps: Bool) async throws {
        let files = try SelfSignedCertificate(in: directory.path)
        let certificate = files.certificate, key = files.key
        port = try await freePort()
        let tls = smtps ? ["--smtpscert", certificate, "--smtpskey", key] : ["--tlscert", certificate, "--tlskey", key]
        process = try PeerProcess(Self.python, ["-u", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)"] + tls)
        let port = port
        try await process.wait(for: "aiosmtpd") { await acceptsConnections(port) }
    }

    /// What the server printed: the received messages.
    var output: String { process.output }
}
