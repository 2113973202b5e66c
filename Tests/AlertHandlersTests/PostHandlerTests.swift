import Alerting
import Engine
import Foundation
import Testing
import TestPeers

@Suite("post handler")
struct PostHandlerTests {
    @Test func postsTheAlertJSONToTheURLWithHeaders() async throws {
        let server = HTTPRecorder()
        try await server.serving { url in
            let handler = try HandlerFixtures.handler(
                "post", #"{"url":"\#(url)/alerts","headers":{"X-Team":"ops"},"timeout":"5s"}"#,
                environment: HandlerFixtures.environment(poster: AsyncHTTPPoster()))
            try await handler.handle(HandlerFixtures.event())
        }
        let request = try #require(server.requests.withLock { $0.first })
        #expect(request.path == "/alerts")
        #expect(request.body == HandlerFixtures.body + "\n")
        #expect(request.headers["x-team"] == "ops")
        #expect(request.headers["content-type"] == "application/json")
    }

    @Test func usesAnEndpointsURLHeadersAndBasicAuth() async throws {
        let server = HTTPRecorder()
        try await server.serving { url in
            let sections = ["httppost": #"""
                [{"endpoint":"ops","url":"\#(url)/hook","headers":{"X-Env":"prod","X-Team":"dev"},
                  "basic-auth":{"username":"kap","password":"secret"}}]
                """#]
            let handler = try HandlerFixtures.handler(
                "post", #"{"endpoint":"ops","headers":{"X-Team":"ops"}}"#,
                environment: HandlerFixtures.environment(sections, poster: AsyncHTTPPoster()))
            try await handler.handle(HandlerFixtures.event())
        }
        let request = try #require(server.requests.withLock { $0.first })
        #expect(request.path == "/hook")
        #expect(request.headers["x-env"] == "prod")
        #expect(request.headers["x-team"] == "ops")
        #expect(request.headers["authorization"] == "Basic " + Data("kap:secret".utf8).base64EncodedString())
    }

    @Test(arguments: [(true, "POST returned non 2xx status code 500: broken"),
                      (false, "POST returned non 2xx status code 500: unknown error, use .captureResponse() to capture the HTTP response")])
    func aStatusOutside2xxIsAnError(capture: Bool, message: String) async throws {
        let server = HTTPRecorder(status: .internalServerError, reply: "broken")
        try await server.serving { url in
            let handler = try HandlerFixtures.handler(
                "post", #"{"url":"\#(url)/fail","capture-response":\#(capture)}"#,
                environment: HandlerFixtures.environment(poster: AsyncHTTPPoster()))
            await #expect { try await handler.handle(HandlerFixtures.event()) } throws: { "\($0)" == message }
        }
    }

    @Test func anEndpointsAlertTemplateRendersTheBody() async throws {
        let server = HTTPRecorder()
        try await server.serving { url in
            let sections = ["httppost": #"""
                [{"endpoint":"text","url":"\#(url)/hook","alert-template":"{{ .ID }} is {{ .Level }}: {{ .Message }} ({{ .Duration }})"}]
                """#]
            let handler = try HandlerFixtures.handler(
                "post", #"{"endpoint":"text"}"#, environment: HandlerFixtures.environment(sections, poster: AsyncHTTPPoster()))
            try await handler.handle(HandlerFixtures.event())
        }
        let request = try #require(server.requests.withLock { $0.first })
        #expect(request.body == "cpu:host=a is CRITICAL: cpu is high (0s)")
        #expect(request.headers["content-type"] == nil)
        let missing = ["httppost": #"[{"endpoint":"text","url":"http://x","alert-template-file":"/nonexistent/alert.tmpl"}]"#]
        #expect {
            try HandlerFixtures.handler("post", #"{"endpoint":"text"}"#, environment: HandlerFixtures.environment(missing))
        } throws: { "\($0)" == #"endpoint text: cannot read alert-template-file "/nonexistent/alert.tmpl""# }
    }

    @Test func needsAURLOrAKnownEndpoint() {
        #expect(throws: (any Error).self) { try HandlerFixtures.handler("post", #"{"endpoint":"missing"}"#) }
        #expect(throws: (any Error).self) { try HandlerFixtures.handler("post", #"{"timeout":"soon","url":"http://x"}"#) }
    }
}
