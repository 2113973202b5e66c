import Alerting
@testable import AlertHandlers
import Foundation
import Testing

@Suite("kafka handler", .serialized)
struct KafkaHandlerTests {
    static func environment(_ cluster: MockKafkaCluster, id: String = "default") -> HandlerEnvironment {
        let brokers = cluster.brokers.map { "\"\($0)\"" }.joined(separator: ",")
        return HandlerFixtures.environment([
            "kafka": #"[{"enabled":true,"id":"other","brokers":["127.0.0.1:1"]},{"enabled":true,"id":"\#(id)","brokers":[\#(brokers)],"batch-timeout":"10ms"}]"#,
        ])
    }

    /// The partitions the reference clients pick among 3 for these keys: crc32 (librdkafka
    /// consistent), murmur2 (Java), fnv-1a (sarama).
    static let expected: [(key: String, crc32: Int32, murmur2: Int32, fnv1a: Int32)] = [
        ("key-0", 0, 1, 0), ("key-1", 2, 0, 1), ("serverA", 1, 2, 0), ("cpu,host=a", 1, 0, 0),
    ]

    @Test(arguments: ["crc32", "murmur2", "fnv-1a"])
    func partitionsByAlertID(algorithm: String) async throws {
        let cluster = try MockKafkaCluster()
        try cluster.createTopic("alerts", partitions: 3)
        let handler = try HandlerFixtures.handler(
            "kafka", #"{"cluster":"default","topic":"alerts","partitionAlgorithm":"\#(algorithm)"}"#,
            environment: Self.environment(cluster))
        for row in Self.expected { try await handler.handle(HandlerFixtures.event(id: row.key)) }
        let messages = try await cluster.consume(topic: "alerts", partitions: 3, count: Self.expected.count)
        #expect(messages.count == Self.expected.count)
        for row in Self.expected {
            let want = algorithm == "crc32" ? row.crc32 : algorithm == "murmur2" ? row.murmur2 : row.fnv1a
            let message = messages.first { $0.key == row.key }
            #expect(message?.partition == want, "\(row.key)")
        }
        let body = try #require(messages.first { $0.key == "key-0" }?.value)
        #expect(body == HandlerFixtures.body.replacingOccurrences(of: "cpu:host=a", with: "key-0") + "\n")
    }

    @Test func noKeyWhenPartitioningIsDisabledAndTheTemplateAsBody() async throws {
        let cluster = try MockKafkaCluster()
        try cluster.createTopic("alerts", partitions: 2)
        let handler = try HandlerFixtures.handler(
            "kafka", #"{"cluster":"ops","topic":"alerts","disablePartitionById":true,"template":"{{.ID}} is {{.Level}}"}"#,
            environment: Self.environment(cluster, id: "ops"))
        try await handler.handle(HandlerFixtures.event())
        let messages = try await cluster.consume(topic: "alerts", partitions: 2, count: 1)
        #expect(messages.map(\.key) == [nil])
        #expect(messages.map(\.value) == ["cpu:host=a is CRITICAL"])
    }

    @Test func handlersOfAClusterShareItsProducer() throws {
        let cluster = try MockKafkaCluster()
        let kind = KafkaHandlerKind()
        let environment = Self.environment(cluster)
        let options = Data(#"{"cluster":"default","topic":"a"}"#.utf8)
        let first = try #require(try kind.makeHandler(options: options, environment: environment) as? KafkaHandler)
        let second = try #require(try kind.makeHandler(options: options, environment: environment) as? KafkaHandler)
        #expect(first.producer === second.producer)
    }

    @Test(arguments: [
        (#"{"cluster":"nope","topic":"a"}"#, #"unknown cluster "nope""#),
        (#"{"cluster":"default"}"#, "topic must not be empty"),
        (#"{"cluster":"default","topic":"a","partitionAlgorithm":"md5"}"#, #"invalid partition algorithm: "md5""#),
        (#"{"cluster":"default","topic":"a","template":"{{.ID"}"#, nil),
    ])
    func rejectsBadOptions(options: String, message: String?) throws {
        let cluster = try MockKafkaCluster()
        #expect { try HandlerFixtures.handler("kafka", options, environment: Self.environment(cluster)) } throws: { error in
            message.map { "\(error)" == $0 } ?? true
        }
    }

    @Test func clusterSettingsBecomeLibrdkafkaProperties() throws {
        let data = Data(#"""
            {"id":"secure","brokers":["b1:9093","b2:9093"],"timeout":"5s","batch-size":50,"use-ssl":true,
             "ssl-ca":"/ca.pem","insecure-skip-verify":true,"sasl-username":"u","sasl-password":"p","sasl-mechanism":"SCRAM-SHA-512"}
            """#.utf8)
        let properties = Dictionary(try JSONDecoder().decode(KafkaClusterConfig.self, from: data).properties()) { $1 }
        #expect(properties["bootstrap.servers"] == "b1:9093,b2:9093")
        #expect(properties["client.id"] == "secure")
        #expect(properties["socket.timeout.ms"] == "5000")
        #expect(properties["batch.num.messages"] == "50")
        #expect(properties["linger.ms"] == "1000")
        #expect(properties["security.protocol"] == "sasl_ssl")
        #expect(properties["ssl.ca.location"] == "/ca.pem")
        #expect(properties["enable.ssl.certificate.verification"] == "false")
        #expect(properties["sasl.mechanisms"] == "SCRAM-SHA-512")
        #expect(properties["sasl.username"] == "u")
    }
}

@Suite("kafka partition hashes")
struct KafkaPartitioningTests {
    static func hash(_ text: String, _ function: (UnsafeRawBufferPointer) -> UInt32) -> UInt32 {
        Array(text.utf8).withUnsafeBytes(function)
    }

    /// Kafka's `UtilsTest.testMurmur2`.
    @Test(arguments: [("21", -973_932_308), ("foobar", -790_332_482), ("a-little-bit-long-string", -985_981_536),
                      ("a-little-bit-longer-string", -1_486_304_829), ("abc", 479_470_107)])
    func murmur2(text: String, expected: Int32) {
        #expect(Int32(bitPattern: Self.hash(text, KafkaPartitioning.murmur2)) == expected)
    }

    @Test(arguments: [("", 0x811c_9dc5 as UInt32), ("a", 0xe40c_292c), ("foobar", 0xbf9c_f968)])
    func fnv1a(text: String, expected: UInt32) {
        #expect(Self.hash(text, KafkaPartitioning.fnv1a) == expected)
    }

    @Test(arguments: [("", 0 as UInt32), ("hello", 0x248b_fa47), ("The quick brown fox jumps over the lazy dog", 0x2e4f_f723)])
    func murmur3(text: String, expected: UInt32) {
        #expect(Self.hash(text, KafkaPartitioning.murmur3) == expected)
    }
}
