import Alerting
import Engine
@testable import AlertHandlers
import Foundation
import Hummingbird
import Testing
import TestPeers

/// The built-in services' tests, run as `POST /service-tests/{name}` runs them.
@Suite("service tests")
struct ServiceTestTests {
    static func run(_ name: String, _ posted: String = "{}", environment: HandlerEnvironment) async throws -> String? {
        let testers = ServiceTesters(BuiltInHandlers().serviceTests(environment: environment))
        let tester = try #require(testers.test(named: name))
        return await ServiceTesters.run(tester, posted: Data(posted.utf8))
    }

    @Test func defaultOptionsAreKapacitorsInItsFieldOrder() throws {
        let testers = ServiceTesters(BuiltInHandlers().serviceTests(environment: HandlerFixtures.environment()))
        let text = { (name: String) in String(decoding: testers.test(named: name)?.options() ?? Data(), as: UTF8.self) }
        #expect(text("snmptrap") == #"{"trap-oid":"1.1.1.1","data-list":[{"oid":"1.1.1.1.2","type":"s","value":"test snmptrap message"}]}"#)
        #expect(text("talk") == #"{"title":"testTitle","text":"test talk text"}"#)
        #expect(text("pagerduty") == #"{"incident-key":"testIncidentKey","description":"test pagerduty message","details":"","level":"CRITICAL"}"#)
        #expect(text("kafka") == #"{"cluster":"example","topic":"test","key":"key","message":"test kafka message"}"#)
    }

    @Test func theTeamsTestPostsItsMessageToTheConfiguredChannel() async throws {
        let server = HTTPRecorder()
        try await server.serving { url in
            let environment = HandlerFixtures.environment(
                ["teams": #"{"enabled":true,"channel-url":"\#(url)/teams"}"#], poster: AsyncHTTPPoster())
            let failure = try await Self.run("teams", #"{"message":"hello teams"}"#, environment: environment)
            #expect(failure == nil)
        }
        let request = try #require(server.requests.withLock { $0.first })
        #expect(request.path == "/teams")
        #expect(request.body.contains("hello teams"))
        #expect(request.body.contains("foo/bar/bat"))
    }

    @Test(arguments: [
        ("alerta", #"{"enabled":true,"url":"URL","token":"t"}"#, "test alerta message"),
        ("bigpanda", #"{"enabled":true,"url":"URL","token":"t"}"#, "test bigpanda message"),
        ("discord", #"{"enabled":true,"url":"URL"}"#, "test discord message"),
        ("httppost", "", #""level":"OK""#),
        ("opsgenie", #"{"enabled":true,"url":"URL","api-key":"k"}"#, "test opsgenie message"),
        ("opsgenie2", #"{"enabled":true,"url":"URL","api-key":"k"}"#, "test opsgenie message"),
        ("pagerduty", #"{"enabled":true,"url":"URL","service-key":"k"}"#, "test pagerduty message"),
        ("pagerduty2", #"{"enabled":true,"url":"URL","routing-key":"k"}"#, "test pagerduty2 message"),
        ("pushover", #"{"enabled":true,"url":"URL","token":"t","user-key":"u"}"#, "test+pushover+message"),
        ("servicenow", #"{"enabled":true,"url":"URL"}"#, "test servicenow message"),
        ("slack", #"{"enabled":true,"url":"URL"}"#, "test slack message"),
        ("talk", #"{"enabled":true,"url":"URL"}"#, "test talk text"),
        ("teams", #"{"enabled":true,"channel-url":"URL"}"#, "test teams message"),
        ("telegram", #"{"enabled":true,"url":"URL/","token":"t","chat-id":"1"}"#, "test telegram message"),
        ("victorops", #"{"enabled":true,"url":"URL","api-key":"k","routing-key":"r"}"#, "test victorops message"),
        ("zenoss", #"{"enabled":true,"url":"URL"}"#, "test zenoss message"),
    ])
    func eachHTTPServiceTestDeliversItsDefaultMessage(service: String, section: String, message: String) async throws {
        let statuses: [String: HTTPResponse.Status] = ["alerta": .created, "bigpanda": .created, "discord": .noContent, "opsgenie2": .accepted]
        let server = HTTPRecorder(status: statuses[service] ?? .ok, reply: "{}")
        let failure = try await server.serving { url in
            let sections = section.isEmpty ? [:] : [service: section.replacingOccurrences(of: "URL", with: url + "/hook")]
            let posted = service == "httppost" ? #"{"url":"\#(url)/hook"}"# : "{}"
            return try await Self.run(service, posted, environment: HandlerFixtures.environment(sections, poster: AsyncHTTPPoster()))
        }
        #expect(failure == nil)
        let body = server.requests.withLock { $0.first?.body } ?? ""
        #expect(body.contains(message), "\(body)")
    }

    @Test func theSensuAndSMTPTestsDeliverTheirDefaults() async throws {
        let sensu = try await SensuHandlerTests.serving(reply: "ok") { port in
            let environment = HandlerFixtures.environment(["sensu": #"{"enabled":true,"addr":"127.0.0.1:\#(port)"}"#])
            let failure = try await Self.run("sensu", environment: environment)
            #expect(failure == nil)
        }
        #expect(sensu?.contains(#""name":"testName""#) == true && sensu?.contains(#""output":"testOutput""#) == true)
        let sink = SMTPSink()
        try await sink.serving { port in
            let environment = HandlerFixtures.environment(SMTPHandlerTests.section(port: port))
            let failure = try await Self.run("smtp", environment: environment)
            #expect(failure == nil)
        }
        let mail = try #require(sink.mails.withLock { $0.first })
        #expect(mail.commands.contains("RCPT TO:<oncall@example.com>"))
        #expect(mail.data.contains("Subject: test subject") && mail.data.hasSuffix("test body"))
    }

    @Test func theKafkaTestWritesItsKeyedMessageToTheCluster() async throws {
        let cluster = try MockKafkaCluster()
        try cluster.createTopic("test", partitions: 1)
        let environment = KafkaHandlerTests.environment(cluster, id: "example")
        #expect(try await Self.run("kafka", environment: environment) == nil)
        let messages = try await cluster.consume(topic: "test", partitions: 1, count: 1)
        #expect(messages == [MockKafkaCluster.Message(partition: 0, key: "key", value: "test kafka message")])
    }

    @Test func aFailedDeliveryIsTheTestsMessage() async throws {
        let environment = HandlerFixtures.environment(["talk": #"{"enabled":false}"#])
        #expect(try await Self.run("talk", environment: environment) == "service is not enabled")
        #expect(try await Self.run("kafka", environment: environment) == #"unknown cluster "example""#)
        #expect(try await Self.run("mqtt", #"{"topic":"x"}"#, environment: environment) == #"unknown MQTT broker """#)
    }

    @Test(.enabled(if: Mosquitto.installed || peersRequired, "Debian's mosquitto is not installed"))
    func theMQTTTestPublishesItsMessage() async throws {
        let broker = try await Mosquitto()
        defer { broker.stop() }
        let subscription = try await broker.subscribe("tests/#", count: 1)
        let environment = MQTTHandlerTests.environment(port: broker.port)
        #expect(try await Self.run("mqtt", #"{"topic":"tests/kapacitor","qos":"exactly-one"}"#, environment: environment) == nil)
        #expect(try await subscription.messages() == ["tests/kapacitor|2|0|test MQTT message"])
    }

    @Test(.enabled(if: SNMPTrapd.binary != nil || peersRequired, "Debian's snmptrapd is not installed"))
    func theSNMPTrapTestSendsItsTrap() async throws {
        let receiver = try await SNMPTrapd()
        defer { receiver.stop() }
        let environment = HandlerFixtures.environment(["snmptrap": #"{"enabled":true,"addr":"127.0.0.1:\#(receiver.port)"}"#])
        #expect(try await Self.run("snmptrap", environment: environment) == nil)
        let traps = try await receiver.traps(count: 1)
        #expect(traps.first?.security.contains("community kapacitor") == true)
        #expect(traps.first?.bindings.dropFirst() == [
            ".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.1.1.1", ".1.1.1.1.2 = STRING: \"test snmptrap message\"",
        ])
    }
}
