import Logging
import Models
import ServiceLifecycle
import Synchronization

/// One `[[udp]]` section: a line-protocol listener writing to a database and retention policy.
public struct UDPInputConfig: Sendable, Equatable {
    /// The host of `bind-address` (empty: every interface).
    public var host: String
    /// The port of `bind-address`.
    public var port: Int
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
                let listener = try await UDPListener.bind(
                    host: input.host, port: input.port, dbrp: DBRP(db: input.database, rp: input.retentionPolicy), readBuffer: input.readBuffer,
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
}
