import Alerting
import Testing

/// VictorOps, Teams and Telegram.
@Suite struct ChatHandlerTests {
    @Test(arguments: [(AlertLevel.critical, "CRITICAL"), (.warning, "WARNING"), (.info, "INFO"), (.ok, "RECOVERY")])
    func victorOpsPostsToTheRoutingKey(level: AlertLevel, type: String) async throws {
        let request = try await Fixture.deliver("victorops", options: #"{"routing-key":"rk"}"#, sections: { base in
            ["victorops": #"{"enabled":true,"api-key":"key","url":"\#(base)/integrations/alert","routing-key":"default"}"#]
        }, event: Fixture.event(level))
        #expect(request.uri == "/integrations/alert/key/rk")
        #expect(request.headers["content-type"] == "application/json")
        let data = Fixture.resultJSON.replacingOccurrences(of: "\"", with: "\\\"")
        #expect(request.body == #"{"data":"\#(data)","entity_id":"cpu:host=h1","message_type":"\#(type)","monitoring_tool":"kapacitor","state_message":"cpu is high","timestamp":1704164645}"# + "\n")
    }

    @Test func victorOpsSendsJSONDataWhenConfigured() async throws {
        let request = try await Fixture.deliver("victorops", sections: { base in
            ["victorops": #"{"enabled":true,"api-key":"key","url":"\#(base)/alert","routing-key":"default","json-data":true}"#]
        }, event: Fixture.event(.critical))
        #expect(request.uri == "/alert/key/default")
        #expect(request.body.hasPrefix(#"{"data":\#(Fixture.resultJSON),"entity_id""#))
    }

    @Test(arguments: [(AlertLevel.critical, "CC4A31"), (.warning, "FFA533"), (.ok, "34CC25")])
    func teamsPostsAMessageCard(level: AlertLevel, color: String) async throws {
        let request = try await Fixture.deliver("teams", options: "{}", sections: { base in
            ["teams": #"{"enabled":true,"channel-url":"\#(base)/webhook/abc"}"#]
        }, event: Fixture.event(level))
        #expect(request.uri == "/webhook/abc")
        #expect(request.headers["content-type"] == "application/json")
        let title = "\(level.description): [cpu:host=h1]"
        #expect(request.body == #"{"@type":"MessageCard","@context":"http://schema.org/extensions","title":"\#(title)","text":"cpu is high","summary":"\#(title) - cpu is high...","themeColor":"\#(color)"}"#)
    }

    @Test func teamsCutsTheSummaryAt70Bytes() async throws {
        let message = String(repeating: "x", count: 100)
        let request = try await Fixture.deliver("teams", sections: { base in
            ["teams": #"{"enabled":true,"channel-url":"\#(base)/w"}"#]
        }, event: Fixture.event(.critical, message: message))
        let summary = String("CRITICAL: [cpu:host=h1] - \(message)".prefix(70)) + "..."
        #expect(request.body.contains(#""summary":"\#(summary)""#))
    }

    @Test func telegramSendsMessageToTheChat() async throws {
        let options = #"{"chat-id":"42","parse-mode":"Markdown","disable-notification":true}"#
        let request = try await Fixture.deliver("telegram", options: options, sections: { base in
            ["telegram": #"{"enabled":true,"url":"\#(base)/bot","token":"123:abc","chat-id":"1","disable-web-page-preview":true}"#]
        }, event: Fixture.event(.critical))
        #expect(request.uri == "/bot123:abc/sendMessage")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.body == #"{"chat_id":"42","disable_notification":true,"disable_web_page_preview":true,"parse_mode":"Markdown","text":"cpu is high"}"# + "\n")
    }

    @Test func telegramUsesConfiguredChatWithoutOptionalKeys() async throws {
        let request = try await Fixture.deliver("telegram", sections: { base in
            ["telegram": #"{"enabled":true,"url":"\#(base)/bot","token":"t","chat-id":"1"}"#]
        }, event: Fixture.event(.ok))
        #expect(request.body == #"{"chat_id":"1","text":"cpu is high"}"# + "\n")
    }

    @Test func failInKapacitorsWords() async throws {
        for kind in ["victorops", "teams", "telegram"] {
            #expect(try await Fixture.failure(kind, sections: [:]) == "service is not enabled")
        }
        #expect(try await Fixture.failure("telegram", options: #"{"parse-mode":"rst"}"#, sections: ["telegram": #"{"enabled":true}"#])
            == "parseMode rst is not valid, please use 'Markdown' or 'HTML'")
    }
}

@Suite struct PushoverHandlerTests {
    @Test(arguments: [(AlertLevel.critical, "1"), (.warning, "0"), (.info, "-1"), (.ok, "-2")])
    func postsAForm(level: AlertLevel, priority: String) async throws {
        let options = #"{"user-key":"uk","title":"A & B","url-title":"","sound":"siren"}"#
        let request = try await Fixture.deliver("pushover", options: options, sections: { base in
            ["pushover": #"{"enabled":true,"token":"tok","user-key":"configured","url":"\#(base)/1/messages.json"}"#]
        }, event: Fixture.event(level, message: "cpu=97% high"))
        #expect(request.uri == "/1/messages.json")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(request.body == "message=cpu%3D97%25+high&priority=\(priority)&sound=siren&title=A+%26+B&token=tok&user=uk")
    }

    @Test func failsWhenDisabled() async throws {
        #expect(try await Fixture.failure("pushover", sections: [:]) == "service is not enabled")
    }
}
