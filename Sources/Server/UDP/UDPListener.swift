import HTTPAPI
import Logging
import LineProtocol
import Models
import NIOCore
import NIOPosix
import Synchronization

/// Receives line protocol over UDP for one database and retention policy, as Kapacitor's udp
/// service does for `[[udp]]` sections and `udp` subscriptions: each datagram is parsed
/// (nanosecond timestamps; lines without one take the arrival time) and its points handed to
/// `write`. Unlike Kapacitor, which drops a whole datagram when one line is bad, the good lines
/// are kept and each bad line is logged and counted.
public final class UDPListener: Sendable {
    /// Kapacitor's `udp` statistics of one listener.
    public struct Stats: Sendable, Equatable {
        /// Points parsed and written (`points_rx`, also `points_tx`: writing cannot fail here).
        public var pointsReceived: Int64 = 0
        /// Datagram bytes read (`bytes_rx`).
        public var bytesReceived: Int64 = 0
        /// Lines that failed to parse (`points_parse_fail`).
        public var pointsParseFailed: Int64 = 0
        /// Failed socket reads (`read_fail`).
        public var readFailed: Int64 = 0
    }

    /// The largest datagram read whole (Kapacitor's `UDPPacketSize`).
    static let packetSize = 65536

    /// Where the points go.
    public let dbrp: DBRP
    /// The bound address, `host:port` (the port the system picked when bound to port 0).
    public let address: String
    /// The bound port.
    public let port: Int
    private let channel: any Channel
    private let counters: Counters

    private init(dbrp: DBRP, channel: any Channel, counters: Counters) {
        self.dbrp = dbrp
        self.channel = channel
        self.counters = counters
        port = channel.localAddress?.port ?? 0
        address = (channel.localAddress?.ipAddress ?? "") + ":\(port)"
    }

    /// Listens on `host:port` (port 0: any free one) for the writes of `dbrp`; `readBuffer`
    /// sets the socket's receive buffer when not zero.
    public static func bind(
        host: String, port: Int, dbrp: DBRP, readBuffer: Int = 0, clock: any WallClock, logger: Logger,
        write: @escaping @Sendable ([Point], DBRP) -> Void
    ) async throws -> UDPListener {
        let counters = Counters()
        var bootstrap = DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: packetSize))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        DatagramHandler(dbrp: dbrp, clock: clock, logger: logger, counters: counters, write: write))
                }
            }
        if readBuffer > 0 {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(readBuffer))
        }
        let channel = try await bootstrap.bind(host: host.isEmpty ? "0.0.0.0" : host, port: port).get()
        return UDPListener(dbrp: dbrp, channel: channel, counters: counters)
    }

    /// The counters so far.
    public var stats: Stats { counters.value.withLock { $0 } }

    /// Kapacitor's `udp` statistic of this listener, tagged with its address.
    public var statistic: ServiceStatistic {
        let stats = stats
        return ServiceStatistic(name: "udp", tags: ["bind": address], values: [
            "points_rx": stats.pointsReceived, "bytes_rx": stats.bytesReceived, "points_parse_fail": stats.pointsParseFailed,
            "read_fail": stats.readFailed, "points_tx": stats.pointsReceived, "tx_fail": 0,
        ])
    }

    /// Stops listening.
    public func close() async {
        try? await channel.close()
    }
}

extension UDPListener {
    /// A listener's counters, shared with its channel's handler.
    final class Counters: Sendable {
        let value = Mutex(Stats())
    }
}
