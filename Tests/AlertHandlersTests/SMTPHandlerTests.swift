import Alerting
@testable import AlertHandlers
import Foundation
import Testing

@Suite("smtp handler")
struct SMTPHandlerTests {
    static func section(port: Int, extra: String = "") -> [String: String] {
        ["smtp": #"{"enabled":true,"host":"127.0.0.1","port":\#(port),"from":"kapacitor@example.com","to":["oncall@example.com"]\#(extra)}"#]
    }

    @Test func mailsTheMessageAsSubjectAndTheDetailsAsHTML() async throws {
        let sink = SMTPSink()
        try await sink.serving { port in
            let handler = try HandlerFixtures.handler(
                "smtp", #"{"to":["ops@example.com","Dev <dev@example.com>"]}"#,
                environment: HandlerFixtures.environment(Self.section(port: port)))
            try await handler.handle(HandlerFixtures.event())
        }
        let mail = try #require(sink.mails.withLock { $0.first })
        #expect(mail.commands.filter { !$0.hasPrefix("EHLO") } == [
            "MAIL FROM:<kapacitor@example.com>", "RCPT TO:<ops@example.com>", "RCPT TO:<dev@example.com>", "DATA", "QUIT",
        ])
        #expect(mail.data.contains("\r\nFrom: kapacitor@example.com\r\nTo: ops@example.com, Dev <dev@example.com>\r\n"))
        #expect(mail.data.contains("\r\nSubject: cpu is high\r\nContent-Type: text/html; charset=UTF-8\r\n"))
        #expect(mail.data.hasSuffix("\r\n\r\n<b>cpu</b> 99"))
    }

    @Test func usesTheSectionsRecipientsAndToFieldTemplatesAndAuthenticates() async throws {
        let sink = SMTPSink()
        try await sink.serving { port in
            let environment = HandlerFixtures.environment(
                Self.section(port: port, extra: #","username":"kap","password":"secret""#))
            try await HandlerFixtures.handler("smtp", "{}", environment: environment).handle(HandlerFixtures.event())
            try await HandlerFixtures.handler("smtp", #"{"to-field":["{{.TaskName}}@example.com"]}"#, environment: environment)
                .handle(HandlerFixtures.event())
        }
        let mails = sink.mails.withLock { $0 }
        let auth = "AUTH PLAIN " + Data("\0kap\0secret".utf8).base64EncodedString()
        #expect(mails.map { $0.commands.filter { $0.hasPrefix("RCPT") || $0.hasPrefix("AUTH") } } == [
            [auth, "RCPT TO:<oncall@example.com>"], [auth, "RCPT TO:<task@example.com>"],
        ])
    }

    @Test func aRefusedRecipientIsAnError() async throws {
        let sink = SMTPSink(rcptReply: "550 no such user")
        try await sink.serving { port in
            let handler = try HandlerFixtures.handler("smtp", "{}", environment: HandlerFixtures.environment(Self.section(port: port)))
            await #expect { try await handler.handle(HandlerFixtures.event()) } throws: {
                "\($0)" == "smtp: RCPT: 550 no such user"
            }
        }
    }

    @Test func aDisabledServiceIsAnError() async throws {
        let handler = try HandlerFixtures.handler("smtp", #"{"to":["a@example.com"]}"#)
        await #expect { try await handler.handle(HandlerFixtures.event()) } throws: {
            "\($0)" == "failed to send email: service is not enabled"
        }
    }

    @Test(arguments: [
        ("plain <b>text</b>", "plain <b>text</b>"),
        ("a=b café", "a=3Db caf=C3=A9"),
        ("trailing space \nnext", "trailing space=20\r\nnext"),
        (String(repeating: "x", count: 80), String(repeating: "x", count: 75) + "=\r\n" + String(repeating: "x", count: 5)),
    ])
    func quotedPrintable(text: String, encoded: String) {
        #expect(MailMessage.quotedPrintable(text) == encoded)
    }

    @Test func messageHeadersAndDotStuffing() {
        let message = MailMessage(from: "k@example.com", to: ["a@example.com"], subject: "überhitzt", html: ".hidden\nok")
        let data = message.data(date: Date(timeIntervalSince1970: 0))
        #expect(data.hasPrefix("Mime-Version: 1.0\r\nDate: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(data.contains("Subject: =?UTF-8?b?w7xiZXJoaXR6dA==?=\r\n"))
        #expect(data.hasSuffix("\r\n\r\n..hidden\r\nok\r\n"))
    }
}

@Suite("smtp over TLS against aiosmtpd")
struct SMTPTLSTests {
    func config(port: Int, noVerify: Bool) throws -> SMTPConfig {
        try JSONDecoder().decode(SMTPConfig.self, from: Data("""
        {"enabled":true,"host":"127.0.0.1","port":\(port),"from":"kapacitor@example.com","no-verify":\(noVerify)}
        """.utf8))
    }

    var message: MailMessage {
        MailMessage(from: "kapacitor@example.com", to: ["ops@example.com"], subject: "cpu is high", html: "<b>cpu</b> 99")
    }

    @Test func startTLSWhenTheServerOffersIt() async throws {
        guard try await AIOSMTPD.available() else { return }
        let server = try await AIOSMTPD(smtps: false)
        try await SMTPClient(config: config(port: server.port, noVerify: true)).send(message)
        #expect(server.output.contains("Subject: cpu is high"))
        #expect(server.output.contains("<b>cpu</b> 99"))
    }

    @Test func smtpsFromTheFirstByte() async throws {
        guard try await AIOSMTPD.available() else { return }
        let server = try await AIOSMTPD(smtps: true)
        try await SMTPClient(config: config(port: server.port, noVerify: true), implicitTLS: true).send(message)
        #expect(server.output.contains("Subject: cpu is high"))
    }

    @Test func anUntrustedCertificateIsRefusedUnlessNoVerify() async throws {
        guard try await AIOSMTPD.available() else { return }
        let server = try await AIOSMTPD(smtps: false)
        await #expect(throws: (any Error).self) {
            try await SMTPClient(config: config(port: server.port, noVerify: false), timeout: .seconds(10)).send(message)
        }
        #expect(!server.output.contains("Subject: cpu is high"))
    }
}
