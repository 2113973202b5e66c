import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// `make test` installs the real peers and sets this, so a missing one fails instead of skipping.
let peersRequired = ProcessInfo.processInfo.environment["CONDENSER_REQUIRE_PEERS"] == "1"

/// The first of `paths` that is an executable file.
func peerBinary(_ paths: String...) -> String? {
    paths.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// A Debian-packaged peer (or client) run by a test: its output collected, stopped at the end.
final class PeerProcess: @unchecked Sendable {
    // The process is started once in init and only terminated afterwards.
    private let process = Process()
    private let collected = Mutex<String>("")

    /// Starts `executable` with `arguments` (and `environment` added to the current one).
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            let text = String(decoding: data, as: UTF8.self)
            self?.collected.withLock { $0 += text }
        }
        try process.run()
    }

    /// Everything written to stdout and stderr so far.
    var output: String { collected.withLock { $0 } }

    /// Waits until `ready` holds (polling every 20 ms), at most `seconds`.
    func wait(seconds: Double = 10, for what: String, until ready: () async throws -> Bool) async throws {
        try await Self.waitUntil(seconds: seconds, what, output: output, ready)
    }

    /// Waits until `ready` holds (polling every 20 ms), at most `seconds`; `output` goes in the error.
    static func waitUntil(
        seconds: Double = 10, _ what: String, output: @autoclosure () -> String = "", _ ready: () async throws -> Bool
    ) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try await !ready() {
            guard Date() < deadline else { throw PeerError("\(what) not ready; output:\n\(output())") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until the process exits by itself, at most `seconds`.
    func waitForExit(seconds: Double = 10) async throws {
        try await wait(seconds: seconds, for: "exit") { !process.isRunning }
    }

    /// Stops the process with SIGKILL: children of the test runner inherit its blocked SIGTERM.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// A peer that failed to start or answer.
struct PeerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A free port on the loopback address: bound to port 0 and released.
func freePort(udp: Bool = false) async throws -> Int {
    let channel: any Channel = udp
        ? try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        : try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    try await channel.close()
    return port
}

/// Whether a TCP connection to `127.0.0.1:port` succeeds.
func acceptsConnections(_ port: Int) async -> Bool {
    guard let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port).get() else { return false }
    try? await channel.close()
    return true
}

/// A directory under the system's temporary directory, removed when released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "condenser-peer-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
