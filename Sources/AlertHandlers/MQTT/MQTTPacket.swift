import NIOCore

/// The MQTT 3.1.1 control packets a publishing client sends and receives: the fixed header's type
/// and flags, and the packet's bytes after its remaining length.
struct MQTTPacket: Equatable {
    /// The packet types of MQTT 3.1.1 (section 2.2.1).
    enum Kind: UInt8 {
        case connect = 1, connack, publish, puback, pubrec, pubrel, pubcomp
        case subscribe, suback, unsubscribe, unsuback, pingreq, pingresp, disconnect
    }

    var kind: Kind
    /// The four low bits of the first byte.
    var flags: UInt8
    var body: ByteBuffer

    /// The packet's bytes: the fixed header with its variable-length remaining length, then the body.
    func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(kind.rawValue << 4 | flags)
        var length = body.readableBytes
        repeat {
            var byte = UInt8(length & 0x7f)
            length >>= 7
            if length > 0 { byte |= 0x80 }
            buffer.writeInteger(byte)
        } while length > 0
        buffer.writeImmutableBuffer(body)
    }

    /// The packet identifier that starts the body of acknowledgements (PUBACK, PUBREC, PUBCOMP).
    var packetID: UInt16? { body.getInteger(at: body.readerIndex, as: UInt16.self) }

    /// CONNECT with protocol level 4, a clean session, `keepAlive` seconds and the credentials
    /// (the password only with a username, as the specification requires).
    static func connect(clientID: String, username: String, password: String, keepAlive: UInt16) -> MQTTPacket {
        var body = ByteBuffer()
        body.writeMQTTString("MQTT")
        body.writeInteger(UInt8(4))
        var flags: UInt8 = 0x02
        if !username.isEmpty {
            flags |= 0x80
            if !password.isEmpty { flags |= 0x40 }
        }
        body.writeInteger(flags)
        body.writeInteger(keepAlive)
        body.writeMQTTString(clientID)
        if !username.isEmpty {
            body.writeMQTTString(username)
            if !password.isEmpty { body.writeMQTTString(password) }
        }
        return MQTTPacket(kind: .connect, flags: 0, body: body)
    }

    /// PUBLISH of `payload` on `topic`; `packetID` is required for QoS 1 and 2.
    static func publish(topic: String, payload: [UInt8], qos: MQTTQoS, retained: Bool, packetID: UInt16) -> MQTTPacket {
        var body = ByteBuffer()
        body.writeMQTTString(topic)
        if qos != .atMostOnce { body.writeInteger(packetID) }
        body.writeBytes(payload)
        return MQTTPacket(kind: .publish, flags: qos.rawValue << 1 | (retained ? 1 : 0), body: body)
    }

    /// PUBREL, the answer to a PUBREC of QoS 2 (its flags are fixed at 0010).
    static func pubrel(_ packetID: UInt16) -> MQTTPacket {
        var body = ByteBuffer()
        body.writeInteger(packetID)
        return MQTTPacket(kind: .pubrel, flags: 0x02, body: body)
    }

    /// PINGREQ.
    static let pingreq = MQTTPacket(kind: .pingreq, flags: 0, body: ByteBuffer())
    /// DISCONNECT.
    static let disconnect = MQTTPacket(kind: .disconnect, flags: 0, body: ByteBuffer())

    /// The reason of a CONNACK return code, as MQTT 3.1.1 names it; nil for 0 (accepted).
    static func refusal(_ code: UInt8) -> String? {
        switch code {
        case 0: nil
        case 1: "connection refused: unacceptable protocol version"
        case 2: "connection refused: identifier rejected"
        case 3: "connection refused: server unavailable"
        case 4: "connection refused: bad user name or password"
        case 5: "connection refused: not authorized"
        default: "connection refused: unknown return code \(code)"
        }
    }
}

/// The delivery guarantee of a published message.
enum MQTTQoS: UInt8, Sendable {
    case atMostOnce = 0, atLeastOnce, exactlyOnce
}

extension ByteBuffer {
    /// A UTF-8 string with its two-byte length, MQTT's string encoding.
    mutating func writeMQTTString(_ string: String) {
        let bytes = Array(string.utf8)
        writeInteger(UInt16(truncatingIfNeeded: bytes.count))
        writeBytes(bytes)
    }
}

/// Splits the bytes from a broker into packets.
struct MQTTPacketDecoder: ByteToMessageDecoder {
    typealias InboundOut = MQTTPacket

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let packet = try Self.packet(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(packet))
        return .continue
    }

    /// The first complete packet of `buffer`, consumed; nil (nothing consumed) when incomplete.
    static func packet(from buffer: inout ByteBuffer) throws -> MQTTPacket? {
        var view = buffer
        guard let first = view.readInteger(as: UInt8.self) else { return nil }
        var length = 0
        var shift = 0
        while true {
            guard let byte = view.readInteger(as: UInt8.self) else { return nil }
            length |= Int(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 28 else { throw HandlerError("mqtt: malformed remaining length") }
        }
        guard let body = view.readSlice(length: length) else { return nil }
        guard let kind = MQTTPacket.Kind(rawValue: first >> 4) else {
            throw HandlerError("mqtt: unknown packet type \(first >> 4)")
        }
        buffer = view
        return MQTTPacket(kind: kind, flags: first & 0x0f, body: body)
    }
}
