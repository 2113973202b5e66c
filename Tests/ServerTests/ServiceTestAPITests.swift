import Alerting
import Foundation
import Testing
import TestPeers

@Suite struct ServiceTestAPITests {
    @Test func listsEveryHandlerServiceWithItsDefaultOptions() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ in
            let (status, list) = try await client.json(.get, "/kapacitor/v1/service-tests")
            #expect(status == .ok)
            #expect(list["link"] as? [String: String] == ["rel": "self", "href": "/kapacitor/v1/service-tests"])
            let services = try #require(list["services"] as? [[String: Any]])
            #expect(services.compactMap { $0["name"] as? String } == [
                "alerta", "bigpanda", "discord", "httppost", "influxdb", "kafka", "mqtt", "opsgenie", "opsgenie2", "pagerduty",
                "pagerduty2", "pushover", "sensu", "servicenow", "slack", "smtp", "snmptrap", "talk", "teams", "telegram",
                "victorops", "zenoss",
            ])
            let (_, slack) = try await client.json(.get, "/kapacitor/v1/service-tests/slack")
            #expect(slack["link"] as? [String: String] == ["rel": "self", "href": "/kapacitor/v1/service-tests/slack"])
            let options = try #require(slack["options"] as? [String: Any])
            #expect(options["message"] as? String == "test slack message")
            #expect(options["level"] as? String == "CRITICAL")
            let (_, filtered) = try await client.json(.get, "/kapacitor/v1/service-tests?pattern=s*")
            #expect((filtered["services"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
                "sensu", "servicenow", "slack", "smtp", "snmptrap",
            ])
            let (_, influxdb) = try await client.json(.get, "/kapacitor/v1/service-tests/influxdb")
            #expect(influxdb["options"] as? NSDictionary == ["cluster": ""] as NSDictionary)
            let (_, result) = try await client.json(.post, "/kapacitor/v1/service-tests/influxdb", #"{"cluster":"east"}"#)
            #expect(result["success"] as? Bool == false)
            #expect(result["message"] as? String == #"cluster "east" is not enabled or does not exist"#)
            let (_, mqtt) = try await client.json(.get, "/kapacitor/v1/service-tests/mqtt")
            #expect(mqtt["options"] as? NSDictionary == [
                "broker-name": "default", "topic": "", "message": "test MQTT message", "qos": "at-most-once", "retained": false,
            ] as NSDictionary)
        }
    }

    @Test func postingRunsTheTestWithTheOptionsOverTheDefaults() async throws {
        let receiver = HTTPRecorder()
        try await receiver.serving { url in
            let directory = TemporaryDirectory()
            let config = try testConfig(directory, extra: "[[slack]]\nenabled = true\nurl = \"\(url)/hook\"\nchannel = \"#alerts\"\n")
            try await withDaemon(config) { client, _ in
                let (status, result, _) = try await client.call(.post, "/kapacitor/v1/service-tests/slack", "{}")
                #expect(status == .ok)
                #expect(result == "{\"message\":\"\",\"success\":true}")
                let (_, custom, _) = try await client.call(.post, "/kapacitor/v1/service-tests/slack", #"{"message":"custom","level":"WARNING"}"#)
                #expect(custom == "{\"message\":\"\",\"success\":true}")
            }
        }
        let bodies = receiver.bodies
        #expect(bodies.count == 2)
        #expect(bodies.first?.contains(##""channel":"#alerts""##) == true)
        #expect(bodies.first?.contains(#""text":"test slack message""#) == true)
        #expect(bodies.last?.contains(#""color":"warning","text":"custom""#) == true)
    }

    @Test func failuresAndUnknownServicesAreReported() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ in
            let (status, body, _) = try await client.call(.post, "/kapacitor/v1/service-tests/snmptrap", "null")
            #expect(status == .ok)
            #expect(body == "{\"message\":\"service is not enabled\",\"success\":false}")
            let (missing, error, _) = try await client.call(.post, "/kapacitor/v1/service-tests/nope", "{}")
            #expect(missing == .notFound)
            #expect(error.contains(#"service \"nope\" not found"#))
            let (bad, _, _) = try await client.call(.post, "/kapacitor/v1/service-tests/slack", "{")
            #expect(bad == .badRequest)
        }
    }

    @Test func otherServicesCanRegisterTheirTests() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, daemon in
            try daemon.api.serviceTesters.register(name: "example", options: Data(#"{"cluster":"default"}"#.utf8)) { options in
                let cluster = (try JSONSerialization.jsonObject(with: options) as? [String: Any])?["cluster"] as? String
                guard cluster == "default" else { throw ServiceTestError("unknown cluster \(cluster ?? "")") }
            }
            #expect(try await client.call(.post, "/kapacitor/v1/service-tests/example", "{}").body == "{\"message\":\"\",\"success\":true}")
            #expect(try await client.call(.post, "/kapacitor/v1/service-tests/example", #"{"cluster":"x"}"#).body
                == "{\"message\":\"unknown cluster x\",\"success\":false}")
        }
    }
}

struct ServiceTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
