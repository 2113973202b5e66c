import Logging
import LineProtocol
import Models
import NIOCore

/// Parses each datagram of a UDP listener's channel into points for its database and retention
/// policy, counting bytes, points and bad lines.
final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let dbrp: DBRP
    private let clock: any WallClock
    private let logger: Logger
    private let counters: UDPListener.Counters
    private let write: @Sendable ([Point], DBRP) -> Void

    init(dbrp: DBRP, clock: any WallClock, logger: Logger, counters: UDPListener.Counters, write: @escaping @Sendable ([Point], DBRP) -> Void) {
        self.dbrp = dbrp
        self.clock = clock
        self.logger = logger
        self.counters = counters
        self.write = write
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let datagram = unwrapInboundIn(data).data
        let parser = LineProtocolParser(
            precision: .nanoseconds, defaultTime: clock.now(), database: dbrp.db, retentionPolicy: dbrp.rp)
        var points: [Point] = []
        let errors = datagram.withUnsafeReadableBytes { parser.parse($0, into: &points) }
        counters.value.withLock { stats in
            stats.bytesReceived += Int64(datagram.readableBytes)
            stats.pointsReceived += Int64(points.count)
            stats.pointsParseFailed += Int64(errors.count)
        }
        for error in errors.prefix(10) {
            logger.error("failed to parse points", metadata: ["listener": "udp", "db": "\(dbrp.db)", "rp": "\(dbrp.rp)", "error": "\(error)"])
        }
        if !points.isEmpty { write(points, dbrp) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        counters.value.withLock { $0.readFailed += 1 }
        logger.error("failed to read UDP message", metadata: ["db": "\(dbrp.db)", "rp": "\(dbrp.rp)", "error": "\(error)"])
    }
}
