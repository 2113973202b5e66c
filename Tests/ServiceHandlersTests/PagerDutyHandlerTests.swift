import Alerting
import Testing
import TestPeers

@Suite struct PagerDutyHandlerTests {
    @Test(arguments: [
        (AlertLevel.critical, "trigger", "critical"), (.warning, "trigger", "warning"), (.info, "trigger", "info"),
        (.ok, "resolve", "info"),
    ])
    func pagerDuty2SendsAnEventsV2Payload(level: AlertLevel, action: String, severity: String) async throws {
        let options = #"{"routing-key":"rk","links":[{"href":"http://x/{{ index .Tags \"host\" }}","text":"{{ .TaskName }}"},{"href":"http://y"}]}"#
        let request = try await Fixture.deliver("pagerduty2", options: options, sections: { base in
            ["pagerduty2": #"{"enabled":true,"url":"\#(base)/v2/enqueue","routing-key":"configured"}"#]
        }, event: Fixture.event(level))
        #expect(request.uri == "/v2/enqueue")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["accept"] == "application/vnd.pagerduty+json;version=2")
        let payload = #"{"summary":"cpu is high","source":"h1","severity":"\#(severity)","timestamp":"2024-01-02T03:04:05.500000000Z","class":"cpu_alert","component":"","group":"","custom_details":{"result":\#(Fixture.resultJSON)}}"#
        let links = #"[{"href":"http://x/h1","text":"cpu_alert"},{"href":"http://y","text":"http://y"}]"#
        #expect(request.body == #"{"routing_key":"rk","event_action":"\#(action)","dedup_key":"cpu:host=h1","payload":\#(payload),"images":null,"links":\#(links),"client":"kapacitor","client_url":"http://[::]:9092/kapacitor/v1"}"# + "\n")
    }

    @Test func pagerDuty2UsesTheConfiguredRoutingKey() async throws {
        let request = try await Fixture.deliver("pagerduty2", sections: { base in
            ["pagerduty2": #"{"enabled":true,"url":"\#(base)/e","routing-key":"configured"}"#,
             "http": #"{"bind-address":"localhost:9999"}"#]
        }, event: Fixture.event(.critical))
        #expect(request.body.hasPrefix(#"{"routing_key":"configured","#))
        #expect(request.body.hasSuffix(#""images":null,"links":null,"client":"kapacitor","client_url":"http://localhost:9999/kapacitor/v1"}"# + "\n"))
    }

    @Test(arguments: [(AlertLevel.critical, "trigger"), (.ok, "resolve")])
    func pagerDutySendsAGenericEvent(level: AlertLevel, eventType: String) async throws {
        let request = try await Fixture.deliver("pagerduty", options: #"{"service-key":"sk"}"#, sections: { base in
            ["pagerduty": #"{"enabled":true,"url":"\#(base)/create_event.json"}"#]
        }, event: Fixture.event(level))
        #expect(request.uri == "/create_event.json")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.body == #"{"client":"kapacitor","client_url":"http://[::]:9092/kapacitor/v1","description":"cpu is high","details":"usage 97.5","event_type":"\#(eventType)","incident_key":"cpu:host=h1","service_key":"sk"}"# + "\n")
    }

    @Test func failsInKapacitorsWords() async throws {
        #expect(try await Fixture.failure("pagerduty", sections: [:]) == "service is not enabled")
        #expect(try await Fixture.failure("pagerduty2", sections: [:]) == "service is not enabled")
        #expect(try await Fixture.failure("pagerduty", sections: ["pagerduty": #"{"enabled":true}"#], event: Fixture.event(.info))
            == "AlertLevel 'info' is currently ignored by the PagerDuty service")
    }

    @Test func pagerDuty2ReportsARefusal() async throws {
        let recorder = HTTPRecorder(status: .badRequest, reply: #"{"status":"invalid event","message":"Event object is invalid","errors":["Length of 'routing_key' is incorrect"]}"#)
        let failure = try await recorder.serving { base in
            try await Fixture.failure("pagerduty2", sections: ["pagerduty2": #"{"enabled":true,"url":"\#(base)/e"}"#])
        }
        #expect(failure == "Status: invalid event, Message: Event object is invalid Errors: [Length of 'routing_key' is incorrect]")
    }
}
