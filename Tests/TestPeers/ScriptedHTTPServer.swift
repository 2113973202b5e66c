import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A loopback HTTP/1.1 server whose answers a script decides per request: a status and body,
/// whether to close the connection after answering, or no answer at all. It answers from NIO's
/// event loop threads, never from Swift's cooperative pool, so code that blocks a pool thread
/// while it waits for the answer cannot starve it. It reads pipelined requests as they come (no
/// pipelining assistance), answers the ones that arrived in one read together when the read
/// ends, and records every request and the most requests one read carried.
public final class ScriptedHTTPServer: Sendable {
    /// What to do with one request.
    public enum Answer: Sendable {
        /// Answer with `status` and `body`; `close` sends `Connection: close` and closes the connection.
        case status(Int, close: Bool = false, body: String = "ok")
        /// Never answer it (nor anything after it on its connection).
        case silence
    }

    /// One received request.
    public struct Request: Sendable {
        /// The method, URI and headers.
        public var head: HTTPRequestHead
        /// The body as text.
        public var body: String
        /// The connection's number, from 0.
        public var connection: Int
        /// The status answered, nil when none was.
        public var status: Int?
    }

    /// Every request received, in arrival order.
    public var requests: [Request] { shared.requests.withLock { $0 } }
    /// The most requests one read brought before any of them was answered.
    public var mostPipelined: Int { shared.mostPipelined.load(ordering: .relaxed) }
    /// Connections accepted.
    public var connections: Int { shared.connections.load(ordering: .relaxed) }
    private let shared = Shared()
    /// The listening port.
    public let port: Int
    private let channel: any Channel

    /// Listens on a free loopback port; `script` gets the request's number (from 0, over all
    /// connections) and its connection's number. With `tls` (a certificate and key in PEM
    /// files), the server speaks HTTPS.
    public init(tls: (certificate: String, key: String)? = nil,
                script: @escaping @Sendable (_ request: Int, _ connection: Int) -> Answer) async throws {
        let sslContext = try tls.map {
            try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile($0.certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: $0.key, format: .pem))))
        }
        let shared = shared
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let number = shared.connections.wrappingAdd(1, ordering: .relaxed).oldValue
                do {
                    if let sslContext { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext)) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
                    try channel.pipeline.syncOperations.addHandler(HTTPResponseEncoder())
                    try channel.pipeline.syncOperations.addHandler(
                        ScriptedConnection(connection: number, shared: shared, script: script))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// The base URL, `http://127.0.0.1:port` (or https).
    public func url(tls: Bool = false) -> String { "\(tls ? "https" : "http")://127.0.0.1:\(port)" }

    /// The bodies of the requests answered with `status`, in arrival order.
    public func bodies(answered status: Int = 200) -> [String] {
        shared.requests.withLock { $0.filter { $0.status == status }.map(\.body) }
    }

    /// Stops listening.
    public func close() async throws { try await channel.close() }

    /// What the connections share.
    final class Shared: Sendable {
        let counter = Atomic<Int>(0)
        let requests = Mutex<[Request]>([])
        let mostPipelined = Atomic<Int>(0)
        let connections = Atomic<Int>(0)
    }
}

/// One connection of a `ScriptedHTTPServer`.
private final class ScriptedConnection: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let connection: Int
    let shared: ScriptedHTTPServer.Shared
    let script: @Sendable (Int, Int) -> ScriptedHTTPServer.Answer
    private var head: HTTPRequestHead?
    private var body = ""
    private var unanswered: [(index: Int, answer: ScriptedHTTPServer.Answer)] = []
    private var done = false

    init(connection: Int, shared: ScriptedHTTPServer.Shared, script: @escaping @Sendable (Int, Int) -> ScriptedHTTPServer.Answer) {
        self.connection = connection
        self.shared = shared
        self.script = script
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = ""
        case .body(let part):
            body += String(buffer: part)
        case .end:
            guard let head else { return }
            let number = shared.counter.wrappingAdd(1, ordering: .relaxed).oldValue
            let answer = script(number, connection)
            let index = shared.requests.withLock { requests in
                requests.append(.init(head: head, body: body, connection: connection, status: nil))
                return requests.count - 1
            }
            unanswered.append((index, answer))
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        shared.mostPipelined.max(unanswered.count, ordering: .relaxed)
        let batch = unanswered
        unanswered = []
        for (index, answer) in batch where !done {
            switch answer {
            case .silence:
                done = true
            case .status(let status, let close, let body):
                shared.requests.withLock { $0[index].status = status }
                let buffer = ByteBuffer(string: body)
                var headers = HTTPHeaders([("Content-Length", String(buffer.readableBytes))])
                if close { headers.add(name: "Connection", value: "close") }
                context.write(wrapOutboundOut(.head(HTTPResponseHead(
                    version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                context.write(wrapOutboundOut(.end(nil)), promise: nil)
                if close {
                    done = true
                    context.flush()
                    context.close(promise: nil)
                }
            }
        }
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
