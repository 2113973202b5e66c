import APIModels
import Client
@testable import CondenserCLI
import Foundation
import HummingbirdTesting
import Logging
import Models
import Server
import Testing

/// Runs a daemon on a free port with its data in a temporary directory; `extra` is appended to
/// its configuration.
func withServer(extra: String = "", _ body: @Sendable (String) async throws -> Void) async throws {
    let directory = NSTemporaryDirectory() + "condenser-cli-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let config = try Config.load(path: "cli.conf", contents: "data_dir = \"\(directory)\"\n" + extra)
    let daemon = try Daemon(config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    defer { daemon.taskMaster.stop() }
    try await daemon.application().test(.live) { client async throws in
        try await body("http://127.0.0.1:\(try #require(client.port))")
    }
}

@Suite(.serialized) struct CLITests {
    @Test func defineEnableListShowDelete() async throws {
        try await withServer { url async throws in
            Session.url = url
            let tick = NSTemporaryDirectory() + "cpu-\(UUID().uuidString).tick"
            try "stream\n    |from()\n        .measurement('cpu')\n".write(toFile: tick, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: tick) }

            try await Define.parse(["cpu_alert", "-type", "stream", "-dbrp", "telegraf.autogen", "-tick", tick]).run()
            let client = KapacitorClient(baseURL: url)
            var task = try await client.task("cpu_alert")
            #expect(task.status == .disabled)
            #expect(task.dbrps == [DBRP(db: "telegraf", rp: "autogen")])
            #expect(task.script.contains("measurement('cpu')"))

            try await Enable.parse(["cpu_*"]).run()
            task = try await client.task("cpu_alert")
            #expect(task.status == .enabled && task.executing)

            try await Define.parse(["cpu_alert", "-dbrp", "\"tele.graf\".\"autogen\""]).run()
            task = try await client.task("cpu_alert")
            #expect(task.dbrps == [DBRP(db: "tele.graf", rp: "autogen")])
            #expect(task.status == .enabled)

            let table = TaskTable.render(try await client.listTasks())
            #expect(table == """
            ID        Type      Status    Executing Databases and Retention Policies
            cpu_alert stream    enabled   true      ["tele.graf"."autogen"]

            """)
            let detail = TaskTable.detail(task)
            #expect(detail.hasPrefix("ID: cpu_alert\nError: \nTemplate: \nType: stream\nStatus: enabled\nExecuting: true\n"))
            #expect(detail.contains("Databases Retention Policies: [\"tele.graf\".\"autogen\"]\nTICKscript:\nstream\n"))

            try await Disable.parse(["cpu_alert"]).run()
            #expect(try await client.task("cpu_alert").status == .disabled)
            try await Delete.parse(["tasks", "cpu*"]).run()
            #expect(try await client.listTasks().isEmpty)
            await #expect(throws: ClientError.self) { try await client.task("cpu_alert") }
        }
    }

    @Test(arguments: [
        ("telegraf.autogen", DBRP(db: "telegraf", rp: "autogen")),
        ("\"telegraf\".\"autogen\"", DBRP(db: "telegraf", rp: "autogen")),
        ("\"a.b\".c", DBRP(db: "a.b", rp: "c")),
        ("a\\\"b.c", DBRP(db: "a\"b", rp: "c")),
    ])
    func dbrpFlag(text: String, dbrp: DBRP) throws {
        #expect(try parseDBRP(text) == dbrp)
    }

    @Test func credentialsInTheURLAuthenticate() async throws {
        try await withServer(extra: "[http]\n  auth-enabled = true\n") { url async throws in
            let withCredentials = url.replacingOccurrences(of: "http://", with: "http://admin:secret@")
            #expect(try await KapacitorClient(baseURL: withCredentials).listTasks().isEmpty)
            #expect(KapacitorClient(baseURL: withCredentials).baseURL == url)
            await #expect {
                try await KapacitorClient(baseURL: url).listTasks()
            } throws: { error in
                (error as? ClientError)?.description == "unable to parse authentication credentials"
            }
        }
    }

    @Test func dbrpFlagErrors() {
        #expect(throws: (any Error).self) { try parseDBRP("") }
        #expect(throws: (any Error).self) { try parseDBRP("nodot") }
        #expect(throws: (any Error).self) { try parseDBRP("a.b.c") }
        #expect(throws: (any Error).self) { try parseDBRP("a.") }
    }

    @Test func showFormatsTimesAndVars() {
        #expect(TaskTable.rfc822("2026-03-03T12:28:11.123Z") == "03 Mar 26 12:28 UTC")
        #expect(TaskTable.rfc822("0001-01-01T00:00:00Z") == "01 Jan 01 00:00 UTC")
        #expect(TaskTable.varValue(["type": .string("duration"), "value": .int(300_000_000_000)]) == "5m0s")
        #expect(TaskTable.varValue(["type": .string("list"), "value": .array([
            .object(["type": .string("string"), "value": .string("a")]), .object(["type": .string("star")]),
        ])]) == "[a, *]")
        #expect(TaskTable.dbrps([DBRP(db: "a", rp: "b"), DBRP(db: "c", rp: "d")]) == "[\"a\".\"b\" \"c\".\"d\"]")
    }
}
