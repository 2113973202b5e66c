import NIOCore
import NIOPosix

/// Sends datagrams to a UDP listener on loopback.
public enum UDPSender {
    /// Sends `text` as one datagram to 127.0.0.1:`port`.
    public static func send(_ text: String, to port: Int) async throws {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(string: text)))
        try await channel.close()
    }
}
