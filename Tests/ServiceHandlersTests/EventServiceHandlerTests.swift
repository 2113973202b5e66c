import Alerting
import Testing
import TestPeers

/// Talk, BigPanda and ServiceNow against a live listener: exact URL, headers and body.
@Suite struct EventServiceHandlerTests {
    @Test(arguments: [AlertLevel.critical, .ok])
    func talkPostsTitleAndText(level: AlertLevel) async throws {
        let request = try await Fixture.deliver("talk", sections: { base in
            ["talk": #"{"enabled":true,"url":"\#(base)/v1/services/webhook/abc","author_name":"kap"}"#]
        }, event: Fixture.event(level, message: "cpu is \(level)"))
        #expect(request.uri == "/v1/services/webhook/abc")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.body == #"{"authorName":"kap","text":"cpu is \#(level)","title":"cpu:host=h1"}"# + "\n")
    }

    @Test func bigPandaSendsACriticalAlertWithAttributes() async throws {
        let options = #"{"app-key":"ak","host":"{{ index .Tags \"host\" }}-x","primary-property":"host","attributes":{"env":"{{ .TaskName }}","n":3}}"#
        let request = try await Fixture.deliver("bigpanda", status: .created, options: options, sections: { base in
            ["bigpanda": #"{"enabled":true,"url":"\#(base)/data/v2/alerts","app-key":"cfg","token":"tk"}"#]
        }, event: Fixture.event(.critical))
        #expect(request.uri == "/data/v2/alerts")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["authorization"] == "Bearer tk")
        #expect(request.body == #"{"app_key":"ak","check":"cpu:host=h1","description":"cpu is high","details":"usage 97.5","env":"cpu_alert","host":"h1-x","n":"3","primary_property":"host","status":"critical","task":"cpu_alert:cpu","timestamp":1704164645,"usage":"97.5"}"#)
    }

    @Test func bigPandaSendsAnOKAlertWithConfiguredDefaults() async throws {
        var event = Fixture.event(.ok)
        event.state.details = "a &lt;b&gt; &#39;c&#39;"
        let request = try await Fixture.deliver("bigpanda", status: .created, sections: { base in
            ["bigpanda": #"{"enabled":true,"url":"\#(base)/alerts","app-key":"cfg","token":"tk","auto-attributes":"tags"}"#]
        }, event: event)
        #expect(request.headers["authorization"] == "Bearer tk")
        #expect(request.body == #"{"app_key":"cfg","check":"cpu:host=h1","description":"cpu is high","details":"a \u003cb\u003e 'c'","host":"","status":"ok","task":"cpu_alert:cpu","timestamp":1704164645}"#)
    }

    @Test func serviceNowSendsACriticalRecord() async throws {
        let options = #"{"source":"src","node":"{{ index .Tags \"host\" }}","type":"cpu","metricName":"{{ .Name }}","additional_info":{"task":"{{ .TaskName }}","n":2.5}}"#
        let request = try await Fixture.deliver("servicenow", options: options, sections: { base in
            ["servicenow": #"{"enabled":true,"url":"\#(base)/api/global/em/jsonv2","source":"cfgsrc","username":"u","password":"p"}"#]
        }, event: Fixture.event(.critical))
        #expect(request.uri == "/api/global/em/jsonv2")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["authorization"] == "Basic dTpw")
        #expect(request.body == #"{"records":[{"source":"src","node":"h1","type":"cpu","metric_name":"cpu","message_key":"cpu:host=h1","severity":"1","description":"cpu is high","additional_info":"{\"n\":\"2.5\",\"task\":\"cpu_alert\"}"}]}"#)
    }

    @Test func serviceNowSendsAnOKRecordWithConfiguredDefaults() async throws {
        let request = try await Fixture.deliver("servicenow", sections: { base in
            ["servicenow": #"{"enabled":true,"url":"\#(base)/em","source":"cfgsrc"}"#]
        }, event: Fixture.event(.ok))
        #expect(request.headers["authorization"] == nil)
        #expect(request.body == #"{"records":[{"source":"cfgsrc","message_key":"cpu:host=h1","severity":"5","description":"cpu is high"}]}"#)
    }

    @Test func failsInKapacitorsWords() async throws {
        for kind in ["talk", "bigpanda", "servicenow"] {
            #expect(try await Fixture.failure(kind, sections: [:]) == "service is not enabled")
        }
        let recorder = HTTPRecorder(status: .badRequest, reply: #"{"error":"bad app key"}"#)
        let failure = try await recorder.serving { base in
            try await Fixture.failure("bigpanda", sections: ["bigpanda": #"{"enabled":true,"url":"\#(base)/a"}"#])
        }
        #expect(failure == "bad app key")
    }
}
