import Models
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// One kept-alive HTTP/1.1 connection that pipelines POSTs: each request goes out as soon as it
/// is sent, without waiting for the answers to the earlier ones, and the answers complete the
/// requests in order. When the server closes the connection (`Connection: close`, EOF, an error)
/// or the oldest request times out, the requests without an answer go out again on a new
/// connection; a request whose connection is lost twice before its answer fails. After a
/// `Connection: close` answer, a new connection carries one request at a time until an answer
/// keeps it alive.
///
/// Requests are handed over under a lock; everything else runs on the connection's event loop.
final class PipelinedHTTPConnection: @unchecked Sendable {
    /// Receives a request's answer or failure, on the event loop.
    typealias Completion = @Sendable (Result<Answer, any Error>) -> Void

    /// A request's answer.
    struct Answer: Sendable {
        /// The status code.
        var status: Int
        /// The body of an answer outside 2xx (up to 1 MiB), else empty.
        var body: String
        /// Whether the body came with a `Content-Encoding`, which is not decoded.
        var encoded: Bool
    }

    /// A connection or request failure.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private struct Request {
        var body: ByteBuffer
        var completion: Completion
        var losses = 0
    }

    /// Bodies of error answers are kept up to this many bytes.
    fileprivate static let bodyLimit = 1 << 20
    /// An unused connection is closed after this long, as Go's default transport does.
    private static let idleTimeout = TimeAmount.seconds(90)

    let target: HTTPTarget
    private let eventLoop: any EventLoop
    private let timeout: TimeAmount
    private let sslContext: NIOSSLContext?
    private let handedOver = Mutex<(requests: [Request], scheduled: Bool)>(([], false))

    // Confined to `eventLoop`.
    private var waiting = CircularBuffer<Request>()
    private var inFlight = CircularBuffer<Request>()
    private var channel: (any Channel)?
    private var connecting = false
    private var pipelining = true
    private var generation = 0
    private var deadline: Scheduled<Void>?
    private var idleClose: Scheduled<Void>?

    /// A connection to `target` (opened with the first request) whose requests fail after
    /// `timeout` without an answer; TLS certificates are not checked when `skipVerification`.
    init(target: HTTPTarget, timeout: Duration, skipVerification: Bool) throws {
        self.target = target
        eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let (seconds, attoseconds) = timeout.components
        self.timeout = timeout > .zero ? .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000) : .seconds(30)
        if target.tls {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if skipVerification { configuration.certificateVerification = .none }
            sslContext = try NIOSSLContext(configuration: configuration)
        } else {
            sslContext = nil
        }
    }

    /// Sends a POST with `body`; `completion` hears its answer. Requests go out in call order.
    func send(_ body: ByteBuffer, completion: @escaping Completion) {
        send([(body, completion)])
    }

    /// Sends a POST per body, in order; each completion hears its request's answer. The bodies
    /// handed over before the event loop takes them go out in one write.
    func send(_ requests: [(body: ByteBuffer, completion: Completion)]) {
        guard !requests.isEmpty else { return }
        let schedule = handedOver.withLock { handedOver in
            for request in requests { handedOver.requests.append(Request(body: request.body, completion: request.completion)) }
            defer { handedOver.scheduled = true }
            return !handedOver.scheduled
        }
        if schedule { eventLoop.execute { self.takeHandedOver() } }
    }

    private func takeHandedOver() {
        var requests: [Request] = []
        handedOver.withLock { handedOver in
            swap(&requests, &handedOver.requests)
            handedOver.scheduled = false
        }
        waiting.append(contentsOf: requests)
        pump()
    }

    /// Writes the waiting requests the connection may carry now, connecting first if needed.
    private func pump() {
        guard !waiting.isEmpty else { return }
        idleClose?.cancel()
        idleClose = nil
        guard let channel else {
            if !connecting { connect() }
            return
        }
        var wrote = false
        while !waiting.isEmpty, pipelining || inFlight.isEmpty {
            let request = waiting.removeFirst()
            channel.write(HTTPClientRequestPart.head(target.head(bodyLength: request.body.readableBytes)), promise: nil)
            channel.write(HTTPClientRequestPart.body(.byteBuffer(request.body)), promise: nil)
            channel.write(HTTPClientRequestPart.end(nil), promise: nil)
            inFlight.append(request)
            wrote = true
        }
        guard wrote else { return }
        channel.flush()
        if deadline == nil { armDeadline() }
    }

    private func connect() {
        connecting = true
        generation += 1
        let generation = generation
        let sslContext = sslContext
        let host = target.host
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(min(timeout, .seconds(30)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                do {
                    if let sslContext {
                        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
                        let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: isAddress ? nil : host)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(PipelinedResponseHandler(connection: self, generation: generation))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        bootstrap.connect(host: target.host, port: target.port).whenComplete { [self] result in
            guard generation == self.generation else {
                if case .success(let channel) = result { channel.close(promise: nil) }
                return
            }
            connecting = false
            switch result {
            case .success(let channel):
                self.channel = channel
                pump()
            case .failure(let error):
                let failed = waiting
                waiting.removeAll()
                for request in failed { request.completion(.failure(error)) }
            }
        }
    }

    /// The answer to the oldest request in flight, on the connection of `generation`.
    func answered(status: Int, encoded: Bool, keepAlive: Bool, body: ByteBuffer?, generation: Int) {
        guard generation == self.generation, !inFlight.isEmpty else { return }
        let request = inFlight.removeFirst()
        let text = status / 100 == 2 ? "" : body.map { String(buffer: $0) } ?? ""
        request.completion(.success(Answer(status: status, body: text, encoded: encoded)))
        deadline?.cancel()
        deadline = nil
        if keepAlive {
            pipelining = true
            if !inFlight.isEmpty { armDeadline() }
            pump()
            if inFlight.isEmpty && waiting.isEmpty { armIdleClose() }
        } else {
            pipelining = false
            retire()
        }
    }

    /// The connection of `generation` closed (`error` when it failed); the oldest request in
    /// flight counts one loss, the others go out again.
    func lost(_ error: (any Error)?, generation: Int) {
        guard generation == self.generation, channel != nil else { return }
        if !inFlight.isEmpty {
            inFlight[inFlight.startIndex].losses += 1
            if inFlight[inFlight.startIndex].losses >= 2 {
                let request = inFlight.removeFirst()
                request.completion(.failure(error ?? Failure(description: "the server closed the connection before answering")))
            }
        }
        retire()
    }

    /// The oldest request in flight got no answer in time: it fails, the others go out again on
    /// a new connection.
    private func timedOut() {
        deadline = nil
        guard !inFlight.isEmpty else { return }
        let request = inFlight.removeFirst()
        request.completion(.failure(Failure(description: "no answer within \(timeout.nanoseconds / 1_000_000) ms")))
        retire()
    }

    /// Closes the current connection and puts the requests in flight back in front of those
    /// waiting, then reconnects if any is left.
    private func retire() {
        generation += 1
        deadline?.cancel()
        deadline = nil
        channel?.close(promise: nil)
        channel = nil
        connecting = false
        while let request = inFlight.popLast() { waiting.prepend(request) }
        pump()
    }

    private func armDeadline() {
        let generation = generation
        deadline = eventLoop.scheduleTask(in: timeout) { [self] in
            if generation == self.generation { timedOut() }
        }
    }

    private func armIdleClose() {
        let generation = generation
        idleClose?.cancel()
        idleClose = eventLoop.scheduleTask(in: Self.idleTimeout) { [self] in
            guard generation == self.generation, inFlight.isEmpty, waiting.isEmpty else { return }
            self.generation += 1
            channel?.close(promise: nil)
            channel = nil
        }
    }
}

/// Collects the answers on one pipelined connection and hands each to the connection when it
/// ends; reports the connection's close.
private final class PipelinedResponseHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let connection: PipelinedHTTPConnection
    private let generation: Int
    private var status = 0
    private var encoded = false
    private var keepAlive = true
    private var body: ByteBuffer?
    private var error: (any Error)?

    init(connection: PipelinedHTTPConnection, generation: Int) {
        self.connection = connection
        self.generation = generation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
            encoded = head.headers["Content-Encoding"].contains { $0.lowercased() != "identity" }
            body = nil
        case .body(var part):
            guard status / 100 != 2 else { return }
            if body == nil { body = context.channel.allocator.buffer(capacity: part.readableBytes) }
            let room = PipelinedHTTPConnection.bodyLimit - (body?.readableBytes ?? 0)
            if room > 0, let slice = part.readSlice(length: min(room, part.readableBytes)) { body?.writeImmutableBuffer(slice) }
        case .end:
            connection.answered(status: status, encoded: encoded, keepAlive: keepAlive, body: body, generation: generation)
            body = nil
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.error = error
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.lost(error, generation: generation)
        context.fireChannelInactive()
    }
}
