import Alerting
@testable import AlertHandlers
import Foundation
import NIOCore
import Testing

@Suite("mqtt packets")
struct MQTTPacketTests {
    @Test func connectCarriesProtocolLevelCleanSessionKeepAliveAndCredentials() {
        var buffer = ByteBuffer()
        MQTTPacket.connect(clientID: "kap", username: "u", password: "p", keepAlive: 30).write(to: &buffer)
        #expect(Array(buffer.readableBytesView) == [
            0x10, 21, 0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0xc2, 0, 30, 0, 3, 0x6b, 0x61, 0x70, 0, 1, 0x75, 0, 1, 0x70,
        ])
    }

    @Test func publishOfQoS2RetainedHasItsFlagsAndPacketID() {
        var buffer = ByteBuffer()
        MQTTPacket.publish(topic: "a/b", payload: Array("hi".utf8), qos: .exactlyOnce, retained: true, packetID: 7)
            .write(to: &buffer)
        #expect(Array(buffer.readableBytesView) == [0x35, 9, 0, 3, 0x61, 0x2f, 0x62, 0, 7, 0x68, 0x69])
    }

    @Test func aServerThatNeverAcknowledgesTheConnectionFailsEachPublish() async throws {
        try await LineServer.serving(session: { connection in
            try await connection.executeThenClose { inbound, _ in for try await _ in inbound {} }
        }) { port in
            let client = MQTTClient(config: MQTTBrokerConfig(url: "tcp://127.0.0.1:\(port)"), timeout: .milliseconds(200))
            for _ in 0..<2 {
                await #expect { try await client.publish(topic: "t", payload: [], qos: .atMostOnce, retained: false) } throws: {
                    "\($0)" == "mqtt: no connack from tcp://127.0.0.1:\(port) within 0.2 seconds"
                }
            }
        }
    }

    @Test func longPacketsUseMultiByteRemainingLengthsAndDecodeBack() throws {
        var buffer = ByteBuffer()
        let payload = [UInt8](repeating: 0x41, count: 300)
        MQTTPacket.publish(topic: "t", payload: payload, qos: .atMostOnce, retained: false, packetID: 0).write(to: &buffer)
        #expect(Array(buffer.readableBytesView.prefix(3)) == [0x30, 0xaf, 0x02])
        var partial = buffer.getSlice(at: 0, length: 100)!
        #expect(try MQTTPacketDecoder.packet(from: &partial) == nil)
        #expect(partial.readableBytes == 100)
        let packet = try #require(try MQTTPacketDecoder.packet(from: &buffer))
        #expect(packet.kind == .publish && packet.body.readableBytes == 303 && buffer.readableBytes == 0)
    }
}

@Suite("mqtt handler", .enabled(if: Mosquitto.installed || peersRequired, "Debian's mosquitto is not installed"))
struct MQTTHandlerTests {
    static func environment(port: Int, extra: String = "") -> HandlerEnvironment {
        HandlerFixtures.environment([
            "mqtt": #"[{"enabled":true,"name":"local","url":"tcp://127.0.0.1:\#(port)"\#(extra)}]"#,
        ])
    }

    @Test func publishesTheMessageOnTheTopicTemplateWithItsQoS() async throws {
        let broker = try await Mosquitto()
        defer { broker.stop() }
        let subscription = try await broker.subscribe("alerts/#", count: 3)
        let environment = Self.environment(port: broker.port)
        for qos in [0, 1, 2] {
            let handler = try HandlerFixtures.handler(
                "mqtt", #"{"topic":"alerts/{{ .TaskName }}/{{ .ID }}","qos":\#(qos)}"#, environment: environment)
            try await handler.handle(HandlerFixtures.event(message: "cpu is high \(qos)"))
        }
        #expect(try await subscription.messages() == [
            "alerts/task/cpu:host=a|0|0|cpu is high 0", "alerts/task/cpu:host=a|1|0|cpu is high 1",
            "alerts/task/cpu:host=a|2|0|cpu is high 2",
        ])
    }

    @Test func aRetainedMessageReachesLaterSubscribers() async throws {
        let broker = try await Mosquitto()
        defer { broker.stop() }
        let handler = try HandlerFixtures.handler(
            "mqtt", #"{"broker-name":"local","topic":"state/cpu","qos":"at-least-once","retained":true}"#,
            environment: Self.environment(port: broker.port))
        try await handler.handle(HandlerFixtures.event(message: "still high"))
        let later = try await broker.subscribe("state/#", count: 1)
        #expect(try await later.messages() == ["state/cpu|1|1|still high"])
    }

    @Test func connectsWithTheConfiguredCredentialsAndClientID() async throws {
        let broker = try await Mosquitto(users: ["kapacitor": "s3cret"])
        defer { broker.stop() }
        let subscription = try await broker.subscribe("alerts/cpu", count: 1)
        let good = Self.environment(port: broker.port, extra: #","username":"kapacitor","password":"s3cret","client-id":"kap-1""#)
        try await HandlerFixtures.handler("mqtt", #"{"topic":"alerts/cpu"}"#, environment: good).handle(HandlerFixtures.event())
        #expect(try await subscription.messages() == ["alerts/cpu|0|0|cpu is high"])

        let bad = Self.environment(port: broker.port, extra: #","username":"kapacitor","password":"wrong""#)
        let handler = try HandlerFixtures.handler("mqtt", #"{"topic":"alerts/cpu"}"#, environment: bad)
        await #expect { try await handler.handle(HandlerFixtures.event()) } throws: {
            "\($0)".contains("connection refused: not authorized") || "\($0)".contains("bad user name or password")
        }
    }

    @Test func connectsWithACleanSessionAndKeepAliveAndDisconnectsCleanly() async throws {
        let broker = try await Mosquitto(users: ["kapacitor": "s3cret"])
        defer { broker.stop() }
        var config = MQTTBrokerConfig(name: "local", url: "tcp://127.0.0.1:\(broker.port)")
        config.clientID = "kap-1"
        config.username = "kapacitor"
        config.password = "s3cret"
        let clients = MQTTClients()
        try await clients.client(for: config).publish(topic: "a", payload: Array("x".utf8), qos: .atLeastOnce, retained: false)
        #expect(clients.client(for: config) === clients.client(for: config))
        await clients.disconnectAll()
        try await PeerProcess.waitUntil("mosquitto's log", output: broker.log) { broker.log.contains("Client kap-1 disconnected.") }
        #expect(broker.log.contains("as kap-1 (p2, c1, k30, u'kapacitor')"))
    }

    @Test func publishesOverTLSVerifiedByTheConfiguredCA() async throws {
        let broker = try await Mosquitto(tls: true)
        defer { broker.stop() }
        let subscription = try await broker.subscribe("secure/#", count: 2, caFile: broker.directory.path + "/ca.pem")
        let url = "ssl://127.0.0.1:\(broker.port)"
        let verified = HandlerFixtures.environment([
            "mqtt": #"{"enabled":true,"url":"\#(url)","client-id":"verified","ssl-ca":"\#(broker.directory.path)/ca.pem"}"#,
        ])
        try await HandlerFixtures.handler("mqtt", #"{"topic":"secure/a","qos":1}"#, environment: verified)
            .handle(HandlerFixtures.event(message: "verified"))
        let unverified = HandlerFixtures.environment(
            ["mqtt": #"{"enabled":true,"url":"\#(url)","client-id":"unverified","insecure-skip-verify":true}"#])
        try await HandlerFixtures.handler("mqtt", #"{"topic":"secure/b","qos":1}"#, environment: unverified)
            .handle(HandlerFixtures.event(message: "skipped"))
        #expect(try await subscription.messages() == ["secure/a|1|0|verified", "secure/b|1|0|skipped"])

        let untrusted = try HandlerFixtures.handler(
            "mqtt", #"{"topic":"secure/c"}"#, environment: HandlerFixtures.environment(["mqtt": #"{"enabled":true,"url":"\#(url)"}"#]))
        await #expect(throws: (any Error).self) { try await untrusted.handle(HandlerFixtures.event()) }
    }

    @Test func reconnectsAfterTheBrokerRestarts() async throws {
        let broker = try await Mosquitto()
        let environment = Self.environment(port: broker.port)
        let handler = try HandlerFixtures.handler("mqtt", #"{"topic":"alerts/cpu","qos":1}"#, environment: environment)
        try await handler.handle(HandlerFixtures.event(message: "before"))
        broker.stop()
        let restarted = try await Mosquitto(port: broker.port)
        defer { restarted.stop() }
        let subscription = try await restarted.subscribe("alerts/cpu", count: 1)
        // The first try may find the old connection dead (the queue retries it); the next one reconnects.
        if (try? await handler.handle(HandlerFixtures.event(message: "after"))) == nil {
            try await handler.handle(HandlerFixtures.event(message: "after"))
        }
        #expect(try await subscription.messages() == ["alerts/cpu|1|0|after"])
    }

    @Test func unknownBrokersAndEmptyTopicsAreErrors() async throws {
        let environment = Self.environment(port: 1)
        let unknown = try HandlerFixtures.handler("mqtt", #"{"broker-name":"other","topic":"t"}"#, environment: environment)
        await #expect { try await unknown.handle(HandlerFixtures.event()) } throws: { "\($0)" == #"unknown MQTT broker "other""# }
        let empty = try HandlerFixtures.handler("mqtt", #"{"topic":""}"#, environment: environment)
        await #expect { try await empty.handle(HandlerFixtures.event()) } throws: { "\($0)" == "missing MQTT topic" }
        #expect(throws: (any Error).self) { try HandlerFixtures.handler("mqtt", #"{"topic":"t","qos":3}"#) }
    }
}
