import Alerting
import Foundation
import NIOCore
import NIOPosix

/// The `tcp` handler: connects to `address` for each event and writes its JSON followed by two
/// newlines — the one Go's JSON encoder ends it with and the one Kapacitor adds.
struct TCPHandler: AlertHandler {
    /// The options: the `address` as `host:port`.
    struct Options: Decodable {
        var address: String
    }

    /// The host to connect to.
    let host: String
    /// Its port.
    let port: Int

    func handle(_ event: Event) async throws {
        let payload = ByteBuffer(string: AlertBody.json(event) + "\n\n")
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            try await channel.executeThenClose { _, outbound in try await outbound.write(payload) }
        } catch {
            throw HandlerError("tcp handler failed to write to \(host):\(port): \(error)")
        }
    }
}

/// The `tcp` kind.
struct TCPHandlerKind: HandlerKind {
    let kind = "tcp"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(TCPHandler.Options.self, from: options)
        guard let (host, port) = HostPort.split(options.address) else {
            throw HandlerError("invalid tcp address \"\(options.address)\": want host:port")
        }
        return TCPHandler(host: host, port: port)
    }
}

/// Splits `host:port` addresses as Go's `net.SplitHostPort` does (`[::1]:9000` for IPv6).
enum HostPort {
    /// The host and port of `address`, nil when it has no valid port.
    static func split(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"),
              let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = address[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return (host.isEmpty ? "localhost" : String(host), port)
    }
}
