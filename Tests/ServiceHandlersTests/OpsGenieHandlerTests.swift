import Alerting
import Foundation
import Testing

@Suite struct OpsGenieHandlerTests {
    let alias = Data("cpu:host=h1".utf8).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")

    @Test func opsGenie2CreatesAnAlert() async throws {
        let request = try await Fixture.deliver("opsgenie2", status: .accepted, options: #"{"teams-list":["t1"],"recipients-list":["u1"]}"#, sections: { base in
            ["opsgenie2": #"{"enabled":true,"api-key":"key","url":"\#(base)/v2/alerts","teams":["ignored"]}"#]
        }, event: Fixture.event(.critical))
        #expect(request.uri == "/v2/alerts")
        #expect(request.headers["authorization"] == "GenieKey key")
        #expect(request.headers["content-type"] == "application/json")
        let description = Fixture.resultJSON.replacingOccurrences(of: "\"", with: "\\\"")
        let details = #"{"Kapacitor Task Name":"cpu","Level":"CRITICAL","Monitoring Tool":"Kapacitor","host":"h1"}"#
        let responders = #"[{"name":"t1","type":"team"},{"type":"user","username":"u1"}]"#
        #expect(request.body == #"{"alias":"\#(alias)","description":"\#(description)","details":\#(details),"entity":"cpu:host=h1","message":"cpu is high","note":"","priority":"P1","responders":\#(responders)}"# + "\n")
    }

    @Test(arguments: [("close", "close"), ("bogus", "notes"), ("", "notes")])
    func opsGenie2RecoversWithTheRecoveryAction(option: String, action: String) async throws {
        let request = try await Fixture.deliver("opsgenie2", status: .accepted, options: #"{"recovery_action":"\#(option)"}"#, sections: { base in
            ["opsgenie2": #"{"enabled":true,"api-key":"key","url":"\#(base)/v2/alerts","details":true}"#]
        }, event: Fixture.event(.ok))
        #expect(request.uri == "/v2/alerts/\(alias)/\(action)?identifierType=alias")
        #expect(request.body == #"{"note":"cpu is high"}"# + "\n")
    }

    @Test func opsGenie2DescribesWithDetailsWhenConfigured() async throws {
        let request = try await Fixture.deliver("opsgenie2", status: .accepted, sections: { base in
            ["opsgenie2": #"{"enabled":true,"url":"\#(base)/v2/alerts","details":true,"recipients":["r"]}"#]
        }, event: Fixture.event(.warning))
        #expect(request.body.contains(#""description":"usage 97.5","#))
        #expect(request.body.contains(#""priority":"P3","responders":[{"type":"user","username":"r"}]}"#))
    }

    @Test(arguments: [(AlertLevel.critical, "CRITICAL", "", "/v1/json/alert/"), (.ok, "RECOVERY", "cpu is high", "/v1/json/alert/note/")])
    func opsGenieSendsV1Alert(level: AlertLevel, type: String, note: String, path: String) async throws {
        let request = try await Fixture.deliver("opsgenie", options: #"{"teams-list":["t1"]}"#, sections: { base in
            ["opsgenie": #"{"enabled":true,"api-key":"key","url":"\#(base)/v1/json/alert","recovery_url":"\#(base)/v1/json/alert/note","recipients":["r"]}"#]
        }, event: Fixture.event(level))
        #expect(request.uri == path)
        #expect(request.headers["content-type"] == "application/json")
        let description = Fixture.resultJSON.replacingOccurrences(of: "\"", with: "\\\"")
        #expect(request.body == #"{"alias":"cpu:host=h1","apiKey":"key","description":"\#(description)","details":{"Level":"\#(type)","Monitoring Tool":"Kapacitor"},"entity":"cpu:host=h1","message":"cpu is high","monitoring_tool":"kapacitor","note":"\#(note)","recipients":["r"],"teams":["t1"]}"# + "\n")
    }

    @Test func failsInKapacitorsWords() async throws {
        #expect(try await Fixture.failure("opsgenie", sections: [:]) == "service is not enabled")
        #expect(try await Fixture.failure("opsgenie2", sections: [:]) == "service is not enabled")
    }
}
