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

/// A Debian-packaged peer (or client) run by a test: spawned with `posix_spawn` (Foundation's
/// `Process` watches each child from a blocking thread of a small pool, which a few long-running
/// peers exhaust), with only stdin (`/dev/null`), stdout and stderr (a temporary file) open,
/// killed at the end.
final class PeerProcess: Sendable {
    private let pid: pid_t
    private let outputFile: String
    private let exited = Mutex<Bool>(false)

    /// Starts `executable` with `arguments` (and `environment` added to the current one).
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        outputFile = NSTemporaryDirectory() + "condenser-peer-output-" + UUID().uuidString
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // No other descriptor: an inherited listening socket would keep a port taken after its test released it.
        // (glibc's posix_spawn_file_actions_addclosefrom_np, which its Swift module does not export.)
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            throw PeerError("glibc 2.34 or later is required to spawn peers")
        }
        _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw PeerError("cannot start \(executable): \(String(cString: strerror(status)))") }
        self.pid = pid
    }

    /// Everything written to stdout and stderr so far.
    var output: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

    /// Whether the process still runs (reaping it once it exited).
    var isRunning: Bool {
        exited.withLock { exited in
            if !exited {
                var status: Int32 = 0
                exited = waitpid(pid, &status, WNOHANG) == pid
            }
            return !exited
        }
    }

    /// Waits until `ready` holds (polling every 20 ms), at most `seconds` (generous: peers start
    /// slowly while the suite's other tests load both cores).
    func wait(seconds: Double = 60, for what: String, until ready: () async throws -> Bool) async throws {
        try await Self.waitUntil(seconds: seconds, what, output: output, ready)
    }

    /// Waits until `ready` holds (polling every 20 ms), at most `seconds`; `output` goes in the error.
    static func waitUntil(
        seconds: Double = 60, _ what: String, output: @autoclosure () -> String = "", _ ready: () async throws -> Bool
    ) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try await !ready() {
            guard Date() < deadline else { throw PeerError("\(what) not ready; output:\n\(output())") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until the process exits by itself, at most `seconds`.
    func waitForExit(seconds: Double = 10) async throws {
        try await wait(seconds: seconds, for: "exit") { !isRunning }
    }

    /// Stops the process with SIGKILL and reaps it.
    func stop() {
        exited.withLock { exited in
            guard !exited else { return }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            exited = true
        }
    }

    deinit {
        stop()
        unlink(outputFile)
    }
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
