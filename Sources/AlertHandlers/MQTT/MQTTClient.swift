import Alerting
import NIOCore
import NIOPosix
import NIOSSL

/// A minimal MQTT 3.1.1 publishing client: one connection to one broker, shared by every handler
/// that publishes to it. It connects on first use with a clean session (as Kapacitor's Paho client
/// does), keeps the connection alive with PINGREQ every `keepAlive`, publishes with QoS 0, 1
/// (PUBACK) or 2 (PUBREC, PUBREL, PUBCOMP), and reconnects on the next publish after the
/// connection is lost; a publish on a lost connection fails, and its handler queue retries it.
actor MQTTClient {
    /// The broker.
    let config: MQTTBrokerConfig
    /// The keep-alive interval sent in CONNECT and the period of PINGREQ.
    let keepAlive: Duration
    /// The longest wait for the connection, CONNACK and each acknowledgement.
    let timeout: Duration

    /// The live connection and its tasks.
    private struct Connection {
        let generation: Int
        let channel: any Channel
        let reader: Task<Void, Never>
        var pinger: Task<Void, Never>?
    }

    /// What a waiter waits for: a packet type with, for acknowledgements, its packet identifier.
    private struct Expectation: Hashable {
        var kind: MQTTPacket.Kind
        var packetID: UInt16
    }

    private var connection: Connection?
    private var connecting: Task<Int, any Error>?
    private var generations = 0
    private var lastPacketID: UInt16 = 0
    private var waiters: [Expectation: CheckedContinuation<MQTTPacket, any Error>] = [:]
    private var connackCode: UInt8?
    private var pingOutstanding = false
    /// How many times `disconnect()` closed a connection.
    private var disconnects = 0

    /// A client of `config`'s broker; it connects on first publish.
    init(config: MQTTBrokerConfig, keepAlive: Duration = .seconds(30), timeout: Duration = .seconds(10)) {
        self.config = config
        self.keepAlive = keepAlive
        self.timeout = timeout
    }

    /// Publishes `payload` on `topic`, returning once the broker has acknowledged it as `qos`
    /// requires (for QoS 0, once written). A publish that `disconnect()` cut short is sent once
    /// more on a new connection: the disconnect was ours, not the broker's.
    func publish(topic: String, payload: [UInt8], qos: MQTTQoS, retained: Bool) async throws {
        let disconnectsBefore = disconnects
        do {
            try await publishOnce(topic: topic, payload: payload, qos: qos, retained: retained)
        } catch where disconnects != disconnectsBefore {
            try await publishOnce(topic: topic, payload: payload, qos: qos, retained: retained)
        }
    }

    private func publishOnce(topic: String, payload: [UInt8], qos: MQTTQoS, retained: Bool) async throws {
        let generation = try await connected()
        guard let channel = connection?.channel, connection?.generation == generation else {
            throw HandlerError("mqtt: connection to \(config.url) lost")
        }
        var packetID: UInt16 = 0
        if qos != .atMostOnce {
            lastPacketID = lastPacketID == .max ? 1 : lastPacketID + 1
            packetID = lastPacketID
        }
        let publish = MQTTPacket.publish(topic: topic, payload: payload, qos: qos, retained: retained, packetID: packetID)
        switch qos {
        case .atMostOnce:
            try await send(publish, on: channel)
        case .atLeastOnce:
            _ = try await exchange(publish, on: channel, expecting: Expectation(kind: .puback, packetID: packetID))
        case .exactlyOnce:
            _ = try await exchange(publish, on: channel, expecting: Expectation(kind: .pubrec, packetID: packetID))
            _ = try await exchange(.pubrel(packetID), on: channel, expecting: Expectation(kind: .pubcomp, packetID: packetID))
        }
    }

    /// Sends DISCONNECT and closes the connection, if any.
    func disconnect() async {
        guard let current = connection else { return }
        disconnects += 1
        try? await send(.disconnect, on: current.channel)
        lost(current.generation, HandlerError("mqtt: disconnected"))
    }

    /// The generation of the live connection, connecting when there is none.
    private func connected() async throws -> Int {
        if let connection { return connection.generation }
        if let connecting { return try await connecting.value }
        let task = Task { try await self.connect() }
        connecting = task
        defer { connecting = nil }
        return try await task.value
    }

    /// Opens the TCP (or TLS) connection, sends CONNECT and waits for an accepting CONNACK.
    private func connect() async throws -> Int {
        let (host, port, tls) = try config.endpoint()
        let sslContext = tls ? try makeSSLContext() : nil
        let (packets, sink) = AsyncThrowingStream<MQTTPacket, any Error>.makeStream()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handlers = channel.pipeline.syncOperations
                        if let sslContext {
                            try handlers.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: host.isIPAddress ? nil : host))
                        }
                        try handlers.addHandler(ByteToMessageHandler(MQTTPacketDecoder()))
                        try handlers.addHandler(MQTTPacketForwarder(sink: sink))
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            throw HandlerError("mqtt: failed to connect to \(config.url): \(error)")
        }
        generations += 1
        let generation = generations
        let reader = Task {
            do {
                for try await packet in packets { self.received(packet, generation: generation) }
                self.lost(generation, HandlerError("mqtt: connection to \(self.config.url) closed"))
            } catch {
                self.lost(generation, HandlerError("mqtt: connection to \(self.config.url) failed: \(error)"))
            }
        }
        connection = Connection(generation: generation, channel: channel, reader: reader)
        let seconds = UInt16(clamping: keepAlive.components.seconds)
        let connect = MQTTPacket.connect(
            clientID: config.effectiveClientID, username: config.username, password: config.password, keepAlive: seconds)
        let connack: MQTTPacket
        do {
            connack = try await exchange(connect, on: channel, expecting: Expectation(kind: .connack, packetID: 0))
        } catch {
            lost(generation, HandlerError("\(error)"))
            throw error
        }
        if let refusal = MQTTPacket.refusal(connack.body.getInteger(at: connack.body.readerIndex + 1) ?? 0xff) {
            lost(generation, HandlerError("mqtt: \(config.url): \(refusal)"))
            throw HandlerError("mqtt: \(config.url): \(refusal)")
        }
        connection?.pinger = Task { await self.keepPinging(generation) }
        return generation
    }

    /// The TLS context of the `ssl-*` settings.
    private func makeSSLContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        do {
            if !config.sslCA.isEmpty { configuration.trustRoots = .file(config.sslCA) }
            if !config.sslCert.isEmpty {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(config.sslCert).map { .certificate($0) }
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: config.sslKey, format: .pem))
            }
            if config.insecureSkipVerify { configuration.certificateVerification = .none }
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw HandlerError("mqtt: invalid TLS configuration: \(error)")
        }
    }

    /// Sends PINGREQ every `keepAlive`; a PINGRESP missing for a whole interval drops the connection.
    private func keepPinging(_ generation: Int) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: keepAlive)
            guard !Task.isCancelled, let current = connection, current.generation == generation else { return }
            if pingOutstanding {
                lost(generation, HandlerError("mqtt: no PINGRESP from \(config.url)"))
                return
            }
            pingOutstanding = true
            try? await send(.pingreq, on: current.channel)
        }
    }

    /// Writes `packet`.
    private func send(_ packet: MQTTPacket, on channel: any Channel) async throws {
        var buffer = channel.allocator.buffer(capacity: packet.body.readableBytes + 5)
        packet.write(to: &buffer)
        do {
            try await channel.writeAndFlush(buffer)
        } catch {
            throw HandlerError("mqtt: failed to write to \(config.url): \(error)")
        }
    }

    /// Writes `packet` and waits for the packet `expectation` names, at most `timeout`.
    private func exchange(_ packet: MQTTPacket, on channel: any Channel, expecting expectation: Expectation) async throws -> MQTTPacket {
        let timer = Task { [timeout] in
            try await Task.sleep(for: timeout)
            self.fail(expectation, HandlerError("mqtt: no \(expectation.kind) from \(self.config.url) within \(timeout)"))
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            waiters[expectation] = continuation
            var buffer = channel.allocator.buffer(capacity: packet.body.readableBytes + 5)
            packet.write(to: &buffer)
            channel.writeAndFlush(buffer).whenFailure { error in
                Task { await self.fail(expectation, HandlerError("mqtt: failed to write to \(self.config.url): \(error)")) }
            }
        }
    }

    private func fail(_ expectation: Expectation, _ error: HandlerError) {
        waiters.removeValue(forKey: expectation)?.resume(throwing: error)
    }

    /// Dispatches a packet of connection `generation` to its waiter.
    private func received(_ packet: MQTTPacket, generation: Int) {
        guard connection?.generation == generation else { return }
        switch packet.kind {
        case .pingresp:
            pingOutstanding = false
        case .connack:
            waiters.removeValue(forKey: Expectation(kind: .connack, packetID: 0))?.resume(returning: packet)
        case .puback, .pubrec, .pubcomp:
            guard let id = packet.packetID else { return }
            waiters.removeValue(forKey: Expectation(kind: packet.kind, packetID: id))?.resume(returning: packet)
        default:
            break
        }
    }

    /// Forgets connection `generation`: closes it and fails whatever waited on it.
    private func lost(_ generation: Int, _ error: HandlerError) {
        guard let current = connection, current.generation == generation else { return }
        connection = nil
        pingOutstanding = false
        current.pinger?.cancel()
        current.channel.close(promise: nil)
        let pending = waiters
        waiters = [:]
        for continuation in pending.values { continuation.resume(throwing: error) }
    }
}

/// Hands the decoded packets to the client's reader; the end of the connection ends the stream.
private final class MQTTPacketForwarder: ChannelInboundHandler, Sendable {
    typealias InboundIn = MQTTPacket

    let sink: AsyncThrowingStream<MQTTPacket, any Error>.Continuation

    init(sink: AsyncThrowingStream<MQTTPacket, any Error>.Continuation) { self.sink = sink }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sink.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        sink.finish(throwing: error)
        context.close(promise: nil)
    }
}

private extension String {
    /// Whether the host is a literal IPv4 or IPv6 address (no TLS server name for those).
    var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self, port: 0)) != nil
    }
}
