import Logging
import Models
import ServiceLifecycle
import Synchronization

/// One `[[udp]]` section: a line-protocol listener writing to a database and retention policy.
public struct UDPInputConfig: Sendable, Equatable {
    /// `host:port` to listen on.
    public var bindAddress: String
    /// The database the points are written to.
    public var database: String
    /// Their retention policy (empty: the daemon's default).
    public var retentionPolicy: String
    /// The socket's receive buffer in bytes (0: the system's).
    public var readBuffer: Int
}

/// The `[[udp]]` listeners: bound when the daemon starts serving (a section that cannot be bound
/// stops the daemon with the reason, as Kapacitor fails to open its service), closed when it stops.
public final class UDPInputs: Service {
    private let inputs: [UDPInputConfig]
    private let clock: any WallClock
    private let logger: Logger
    private let write: @Sendable ([Point], DBRP) -> Void
    private let bound = Mutex<[UDPListener]>([])

    init(_ inputs: [UDPInputConfig], clock: any WallClock, logger: Logger, write: @escaping @Sendable ([Point], DBRP) -> Void) {
        self.inputs = inputs
        self.clock = clock
        self.logger = logger
        self.write = write
    }

    /// The listeners bound so far, in the order of their sections.
    public var listeners: [UDPListener] { bound.withLock { $0 } }

    /// Binds every section, serves until the daemon shuts down, then closes them.
    public func run() async throws {
        do {
            for input in inputs {
                let (host, port) = try Self.split(input.bindAddress)
                let listener = try await UDPListener.bind(
                    host: host, port: port, dbrp: DBRP(db: input.database, rp: input.retentionPolicy), readBuffer: input.readBuffer,
                    clock: clock, logger: logger, write: write)
                bound.withLock { $0.append(listener) }
                logger.info("started listening on UDP", metadata: ["address": "\(listener.address)"])
            }
        } catch {
            await closeAll()
            throw ConfigError("[[udp]] \(error)")
        }
        try? await gracefulShutdown()
        await closeAll()
    }

    private func closeAll() async {
        for listener in bound.withLock({ bound in defer { bound.removeAll() }; return bound }) { await listener.close() }
    }

    /// The host and port of a `bind-address` (`:8089` binds every interface).
    static func split(_ address: String) throws -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port) else {
            throw ConfigError("[[udp]] bind-address \"\(address)\" is not host:port")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
