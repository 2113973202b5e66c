import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP/1.1 server on a free loopback port that answers every request with its reply from
/// NIO's event loop threads, never from Swift's cooperative pool: code that blocks a pool thread
/// while it waits for the answer (a synchronous fetch while a task is defined) cannot starve it.
/// Records each request's method, path and headers.
public final class EventLoopHTTPServer: Sendable {
    /// One recorded request.
    public struct Request: Sendable, Equatable {
        /// `GET`, `POST`, ...
        public var method: String
        /// The path with its query.
        public var path: String
        /// The header values by lowercase name.
        public var headers: [String: String]
    }

    final class State: Sendable {
        let reply: Mutex<String>
        let requests = Mutex<[Request]>([])
        init(reply: String) { self.reply = Mutex(reply) }
    }

    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let state: State

    private init(channel: any Channel, state: State) {
        self.channel = channel
        self.state = state
        port = channel.localAddress?.port ?? 0
    }

    /// Listens on a free loopback port, answering `reply` with status 200.
    public static func start(reply: String) async throws -> EventLoopHTTPServer {
        let state = State(reply: reply)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Responder(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return EventLoopHTTPServer(channel: channel, state: state)
    }

    /// Answers the next requests with `text`.
    public func answer(_ text: String) {
        state.reply.withLock { $0 = text }
    }

    /// The requests so far, in arrival order.
    public var requests: [Request] { state.requests.withLock { $0 } }

    /// Stops listening.
    public func stop() async {
        try? await channel.close()
    }

    private final class Responder: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let state: State

        init(state: State) { self.state = state }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                state.requests.withLock { $0.append(Request(method: head.method.rawValue, path: head.uri, headers: headers)) }
            case .body:
                break
            case .end:
                let body = ByteBuffer(string: state.reply.withLock { $0 })
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: String(body.readableBytes))
                headers.add(name: "Content-Type", value: "application/json")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
