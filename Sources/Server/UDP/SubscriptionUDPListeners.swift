import InfluxDB
import Logging
import Models
import Synchronization

/// One cluster's UDP listeners for its `udp` subscriptions, by db/rp: each writes what InfluxDB
/// sends it to the tasks as a write to its db/rp.
final class SubscriptionUDPListeners: UDPSubscriptionListeners {
    private let listeners = Mutex<[DBRP: UDPListener]>([:])
    private let clock: any WallClock
    private let logger: Logger
    private let write: @Sendable ([Point], DBRP) -> Void

    init(clock: any WallClock, logger: Logger, write: @escaping @Sendable ([Point], DBRP) -> Void) {
        self.clock = clock
        self.logger = logger
        self.write = write
    }

    func listen(_ dbrp: DBRP, port: Int, settings: SubscriptionSettings) async throws -> Int {
        if let running = listeners.withLock({ $0[dbrp] }) { return running.port }
        let listener: UDPListener
        do {
            listener = try await bind(dbrp, port: port, settings: settings)
        } catch where port != 0 {
            logger.warning("cannot listen on the subscription's UDP port again, taking a new one",
                           metadata: ["db": "\(dbrp.db)", "rp": "\(dbrp.rp)", "port": "\(port)", "error": "\(error)"])
            listener = try await bind(dbrp, port: 0, settings: settings)
        }
        logger.info("started UDP listener", metadata: ["db": "\(dbrp.db)", "rp": "\(dbrp.rp)", "address": "\(listener.address)"])
        let raced = listeners.withLock { listeners -> UDPListener? in
            if let running = listeners[dbrp] { return running }
            listeners[dbrp] = listener
            return nil
        }
        guard let raced else { return listener.port }
        await listener.close()
        return raced.port
    }

    private func bind(_ dbrp: DBRP, port: Int, settings: SubscriptionSettings) async throws -> UDPListener {
        try await UDPListener.bind(
            host: settings.udpBind, port: port, dbrp: dbrp, readBuffer: settings.udpReadBuffer, clock: clock, logger: logger, write: write)
    }

    func keepOnly(_ wanted: Set<DBRP>) async {
        let unwanted = listeners.withLock { listeners in
            let unwanted = listeners.filter { !wanted.contains($0.key) }
            for dbrp in unwanted.keys { listeners[dbrp] = nil }
            return Array(unwanted.values)
        }
        for listener in unwanted { await listener.close() }
    }

    /// The running listeners.
    var running: [DBRP: UDPListener] { listeners.withLock { $0 } }

    /// Closes every listener.
    func closeAll() async {
        await keepOnly([])
    }
}
