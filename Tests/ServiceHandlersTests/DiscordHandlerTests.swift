import Alerting
import Testing
import TestPeers

@Suite struct DiscordHandlerTests {
    @Test(arguments: [(AlertLevel.critical, 0xF95F53), (.warning, 0xF48D38), (.ok, 0x7A65F2)])
    func postsAnEmbedColoredByLevel(level: AlertLevel, color: Int) async throws {
        let recorder = HTTPRecorder(status: .noContent)
        try await recorder.serving { base in
            let section = #"[{"enabled":true,"url":"\#(base)/api/webhooks/1","timestamp":true,"username":"kap","avatar-url":"http://a"}]"#
            let handler = try Fixture.handler("discord", options: #"{"embed-title":"{{ .TaskName }} {{ .Level }}"}"#, sections: ["discord": section])
            try await handler.handle(Fixture.event(level))
        }
        let request = try #require(recorder.single)
        #expect(request.uri == "/api/webhooks/1")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.body == #"{"avatar_url":"http://a","embeds":[{"color":\#(color),"title":"cpu_alert \#(level)","description":"cpu is high","timestamp":"2024-01-02T03:04:05Z"}],"username":"kap"}"# + "\n")
    }

    @Test func failsInKapacitorsWords() async throws {
        #expect(try await Fixture.failure("discord", sections: ["discord": #"[{"url":"http://127.0.0.1:1"}]"#]) == "service is not enabled")
        #expect(try await Fixture.failure("discord", sections: [:]) == "no discord configuration found")
        #expect(try await Fixture.failure("discord", options: #"{"workspace":"x"}"#, sections: ["discord": #"[{"enabled":true}]"#]) == "workspace id not found")
    }
}
