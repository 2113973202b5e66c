import Alerting
import Testing
import TestPeers

/// Alerta and Zenoss against a live listener: exact URL, headers and body.
@Suite struct AlertaZenossHandlerTests {
    @Test func alertaSendsACriticalAlertWithRenderedOptions() async throws {
        let options = #"{"token":"tok","environment":"prod","value":"{{ index .Fields \"usage\" }}","service":["{{ .TaskName }}"],"attributes":{"region":"{{ index .Tags \"host\" }}","n":2},"timeout":"1h"}"#
        let request = try await Fixture.deliver("alerta", status: .created, options: options, sections: { base in
            ["alerta": #"{"enabled":true,"url":"\#(base)/api","token":"cfgtok","origin":"kap"}"#]
        }, event: Fixture.event(.critical))
        #expect(request.uri == "/api/alert")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["authorization"] == "Bearer tok")
        #expect(request.body == #"{"attributes":{"n":2,"region":"h1"},"correlate":["cpu"],"environment":"prod","event":"cpu:host=h1","group":"host=h1","origin":"kap","rawData":\#(Fixture.resultJSON),"resource":"cpu","service":["cpu_alert"],"severity":"critical","tags":["host=h1"],"text":"cpu is high","timeout":3600,"value":"97.5"}"# + "\n")
    }

    @Test func alertaSendsAnOKAlertWithDefaults() async throws {
        let request = try await Fixture.deliver("alerta", status: .created, sections: { base in
            ["alerta": #"{"enabled":true,"url":"\#(base)","token":"cfgtok","token-prefix":"Key","environment":"cfgenv"}"#]
        }, event: Fixture.event(.ok))
        #expect(request.uri == "/alert")
        #expect(request.headers["authorization"] == "Key cfgtok")
        #expect(request.body == #"{"correlate":["cpu"],"environment":"cfgenv","event":"cpu:host=h1","group":"host=h1","origin":"","rawData":\#(Fixture.resultJSON),"resource":"cpu","service":["cpu"],"severity":"ok","tags":["host=h1"],"text":"cpu is high","timeout":86400,"value":""}"# + "\n")
    }

    @Test func zenossSendsACriticalEventWithCustomFields() async throws {
        let options = #"{"summary":"{{ .Level }}: {{ .Message }}","device":"{{ index .Tags \"host\" }}","component":"cpu","eventClassKey":"k","eventClass":"/Perf","message":"{{ .Details }}","customField":{"json":"{\"b\":1,\"a\":[true]}","n":2,"tag":"{{ .TaskName }}"},"tid":7}"#
        let request = try await Fixture.deliver("zenoss", options: options, sections: { base in
            ["zenoss": #"{"enabled":true,"url":"\#(base)/zport/dmd/evconsole_router","username":"u","password":"p","severity-map":{"Critical":5}}"#]
        }, event: Fixture.event(.critical))
        #expect(request.uri == "/zport/dmd/evconsole_router")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["authorization"] == "Basic dTpw")
        let data = #"{"collector":"Kapacitor","component":"cpu","device":"h1","evclass":"/Perf","evclasskey":"k","json":{"a":[true],"b":1},"message":"usage 97.5","n":2,"severity":5,"summary":"CRITICAL: cpu is high","tag":"cpu_alert"}"#
        #expect(request.body == #"{"action":"EventsRouter","method":"add_event","data":[\#(data)],"type":"rpc","tid":7}"#)
    }

    @Test func zenossSendsAnOKEventWithDefaults() async throws {
        let request = try await Fixture.deliver("zenoss", sections: { base in
            ["zenoss": #"{"enabled":true,"url":"\#(base)/router","action":"A"}"#]
        }, event: Fixture.event(.ok))
        #expect(request.headers["authorization"] == nil)
        #expect(request.body == #"{"action":"A","method":"add_event","data":[{"collector":"Kapacitor","component":"","device":"","evclass":"","evclasskey":"","severity":"Clear","summary":"cpu is high"}],"type":"rpc","tid":1}"#)
    }

    @Test func failsInKapacitorsWords() async throws {
        #expect(try await Fixture.failure("zenoss", sections: [:]) == "service is not enabled")
        #expect(try await Fixture.failure("alerta", sections: [:]) == "service is not enabled")
        #expect(try await Fixture.failure("alerta", options: #"{"resource":""}"#, sections: [:])
            == "Resource and Event are required to send an alert")
        let recorder = HTTPRecorder(status: .badRequest, reply: #"{"message":"bad key"}"#)
        let failure = try await recorder.serving { base in
            try await Fixture.failure("alerta", sections: ["alerta": #"{"enabled":true,"url":"\#(base)"}"#])
        }
        #expect(failure == "bad key")
    }
}
