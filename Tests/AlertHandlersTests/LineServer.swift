import NIOCore
import NIOPosix

/// A TCP listener on a free loopback port; `serving` hands each accepted connection to `session`
/// (which reads and writes bytes) while `body` runs with the port.
enum LineServer {
    /// One accepted connection's byte streams.
    typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    static func serving<T: Sendable>(
        session: @escaping @Sendable (Connection) async throws -> Void, _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Connection(wrappingChannelSynchronously: channel)
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await server.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { sessions in
                        for try await connection in inbound {
                            sessions.addTask { try? await session(connection) }
                        }
                    }
                }
                return nil
            }
            let result = try await body(port)
            group.cancelAll()
            server.channel.close(promise: nil)
            return result
        }
    }

    /// Everything a connection sends until the peer closes, as text.
    static func readAll(_ connection: Connection) async throws -> String {
        try await connection.executeThenClose { inbound, _ in
            var text = ""
            for try await buffer in inbound { text += String(buffer: buffer) }
            return text
        }
    }
}
