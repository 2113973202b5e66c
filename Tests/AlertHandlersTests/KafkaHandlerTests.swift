import Alerting
@testable import AlertHandlers
import Foundation
import Logging
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

    static func oauth(_ extra: String) throws -> [String: String] {
        let data = Data(#"{"id":"c","brokers":["b:9093"],"sasl-mechanism":"OAUTHBEARER"\#(extra)}"#.utf8)
        return Dictionary(try JSONDecoder().decode(KafkaClusterConfig.self, from: data).properties()) { $1 }
    }

    @Test func oauthBearerUsesLibrdkafkasOIDCClient() throws {
        let custom = try Self.oauth(#","sasl-oauth-client-id":"id","sasl-oauth-client-secret":"s","sasl-oauth-token-url":"https://idp/token","sasl-oauth-scopes":["a","b"],"sasl_extensions":{"logicalCluster":"lkc-1"}"#)
        #expect(custom["security.protocol"] == "sasl_plaintext")
        #expect(custom["sasl.mechanisms"] == "OAUTHBEARER")
        #expect(custom["sasl.oauthbearer.method"] == "oidc")
        #expect(custom["sasl.oauthbearer.client.id"] == "id" && custom["sasl.oauthbearer.client.secret"] == "s")
        #expect(custom["sasl.oauthbearer.token.endpoint.url"] == "https://idp/token")
        #expect(custom["sasl.oauthbearer.scope"] == "a b")
        #expect(custom["sasl.oauthbearer.extensions"] == "logicalCluster=lkc-1")
        let azure = try Self.oauth(#","sasl-oauth-service":"AzureAD","sasl-oauth-client-id":"id","sasl-oauth-client-secret":"s","sasl-oauth-tenant-id":"t1""#)
        #expect(azure["sasl.oauthbearer.token.endpoint.url"] == "https://login.microsoftonline.com/t1/oauth2/v2.0/token")
        let auth0 = try Self.oauth(#","sasl-oauth-service":"auth0","sasl-oauth-client-id":"id","sasl-oauth-client-secret":"s","sasl-oauth-token-url":"https://x.auth0.com/oauth/token","sasl-oauth-parameters":{"audience":"https://kafka api"}"#)
        #expect(auth0["sasl.oauthbearer.token.endpoint.url"] == "https://x.auth0.com/oauth/token?audience=https%3A%2F%2Fkafka%20api")
        let token = try Self.oauth(#","sasl-access-token":"abc""#)
        #expect(token["sasl.mechanisms"] == "OAUTHBEARER" && token["sasl.oauthbearer.method"] == nil)
    }

    @Test(arguments: [
        (#","sasl-access-token":"t","sasl-oauth-token-url":"https://idp""#, "cannot set 'sasl-access-token' with 'sasl-oauth-service' and 'sasl-oauth-token-url'"),
        (#","sasl-oauth-token-url":"https://idp""#, "'sasl-oauth-client-id' and 'sasl-oauth-client-secret' are required"),
        (#","sasl-oauth-client-id":"i","sasl-oauth-client-secret":"s""#, "'sasl-oauth-token-url' required for custom service"),
        (#","sasl-oauth-service":"auth0","sasl-oauth-client-id":"i","sasl-oauth-client-secret":"s","sasl-oauth-token-url":"u""#, "'audience' parameter is required for Auth0"),
        (#","sasl-oauth-service":"azuread","sasl-oauth-client-id":"i","sasl-oauth-client-secret":"s""#, "'sasl-oauth-tenant-id' required for AzureAD"),
        (#","sasl-oauth-service":"okta","sasl-oauth-client-id":"i","sasl-oauth-client-secret":"s""#, "service okta not supported"),
    ])
    func oauthBearerSettingsAreCheckedAsKapacitor(extra: String, message: String) {
        #expect(throws: (any Error).self) { try Self.oauth(extra) }
        do {
            _ = try Self.oauth(extra)
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func aStaticAccessTokenIsHandedToLibrdkafka() async throws {
        let cluster = try MockKafkaCluster(brokers: 1)
        let config = try JSONDecoder().decode(KafkaClusterConfig.self, from: Data("""
            {"id":"oauth","brokers":[\(cluster.brokers.map { "\"\($0)\"" }.joined(separator: ","))],"sasl-mechanism":"OAUTHBEARER","sasl-access-token":"abc","sasl_extensions":{"logicalCluster":"lkc-1"}}
            """.utf8))
        let producer = try KafkaProducer(cluster: config, logger: Logger(label: "test"))
        var result: String?
        for _ in 0..<250 where result == nil {
            result = producer.tokenRefreshResult
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(result == "")
    }

    /// Debian's librdkafka is built without libcurl, so its OIDC client is missing: the cluster then
    /// fails with librdkafka's own explanation instead of sending unauthenticated.
    @Test func theOIDCSettingsWorkOrFailWithLibrdkafkasReason() throws {
        let config = try JSONDecoder().decode(KafkaClusterConfig.self, from: Data(#"""
            {"id":"oidc","brokers":["127.0.0.1:1"],"sasl-mechanism":"OAUTHBEARER","sasl-oauth-client-id":"id",
             "sasl-oauth-client-secret":"s","sasl-oauth-token-url":"http://127.0.0.1:1/token","sasl-oauth-scopes":["kafka"]}
            """#.utf8))
        do {
            _ = try KafkaProducer(cluster: config, logger: Logger(label: "test"))
        } catch {
            #expect("\(error)".hasPrefix(#"kafka cluster oidc: Configuration property "sasl.oauthbearer.method" not supported in this build"#))
        }
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
