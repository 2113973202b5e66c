import Alerting
import Testing

@Suite struct SlackHandlerTests {
    @Test(arguments: [
        (AlertLevel.critical, "danger"), (.warning, "warning"), (.ok, "good"), (.info, "good"),
    ])
    func postsAttachmentColoredByLevel(level: AlertLevel, color: String) async throws {
        let request = try await Fixture.deliver("slack", options: #"{"username":"bot"}"#, sections: { base in
            ["slack": #"[{"enabled":true,"url":"\#(base)/hook","token":"t0k","channel":"ops","username":"","icon-emoji":":x:"}]"#]
        }, event: Fixture.event(level, message: "cpu <high> & rising"))
        #expect(request.uri == "/hook")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["authorization"] == "Bearer t0k")
        let text = #"cpu \u003chigh\u003e \u0026 rising"#
        #expect(request.body == #"{"attachments":[{"fallback":"\#(text)","color":"\#(color)","text":"\#(text)","mrkdwn_in":["text"]}],"channel":"ops","icon_emoji":":x:","text":"","username":"bot"}"# + "\n")
    }

    @Test func picksTheNamedWorkspaceAndConfiguredDefaults() async throws {
        let request = try await Fixture.deliver("slack", options: #"{"workspace":"b"}"#, sections: { base in
            ["slack": #"[{"enabled":true,"workspace":"a","default":true,"url":"\#(base)/a"},{"enabled":true,"workspace":"b","url":"\#(base)/b","channel":"bee"}]"#]
        }, event: Fixture.event(.critical, message: "m"))
        #expect(request.uri == "/b")
        #expect(request.headers["authorization"] == nil)
        #expect(request.body.hasSuffix(#""channel":"bee","icon_emoji":"","text":"","username":"kapacitor"}"# + "\n"))
    }

    @Test func failsInKapacitorsWords() async throws {
        #expect(try await Fixture.failure("slack", sections: ["slack": #"[{"url":"http://127.0.0.1:1"}]"#]) == "service is not enabled")
        #expect(try await Fixture.failure("slack", options: #"{"workspace":"zz"}"#, sections: ["slack": #"[{"enabled":true}]"#]) == "workspace id not found")
        #expect(try await Fixture.failure("slack", sections: [:]) == "no slack configuration found")
    }
}
