import APIModels
import Client
@testable import CondenserCLI
import Foundation
import Testing

/// Writes `text` to a temporary file named with `suffix`; returns its path.
func temporaryFile(_ text: String, suffix: String) throws -> String {
    let path = NSTemporaryDirectory() + "condenser-\(UUID().uuidString)" + suffix
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// In `CLITests`, whose tests run one at a time, because every test sets the shared `Session.url`.
extension CLITests {
    @Test func defineTemplateTasksListShowDelete() async throws {
        try await withServer { url async throws in
            Session.url = url
            let tick = try temporaryFile("""
                // How much data to window
                var window = 5m
                var measurement string

                stream
                    |from()
                        .measurement(measurement)
                    |window()
                        .period(window)
                        .every(window)

                """, suffix: ".tick")
            let vars = try temporaryFile(#"{"measurement": {"type": "string", "value": "cpu"}}"#, suffix: ".json")
            let file = try temporaryFile(
                #"{"template-id": "tpl", "dbrps": [{"db": "telegraf", "rp": "autogen"}], "vars": {"measurement": {"type": "string", "value": "mem"}, "window": {"type": "duration", "value": "1m"}}}"#,
                suffix: ".json")
            defer { for path in [tick, vars, file] { try? FileManager.default.removeItem(atPath: path) } }

            try await DefineTemplate.parse(["tpl", "-tick", tick, "-type", "stream"]).run()
            try await Define.parse(["cpu", "-template", "tpl", "-vars", vars, "-dbrp", "telegraf.autogen"]).run()
            try await Define.parse(["mem", "-file", file]).run()
            let client = KapacitorClient(baseURL: url)
            let cpu = try await client.task("cpu")
            #expect(cpu.templateID == "tpl")
            #expect(cpu.vars["measurement"]?.objectValue?["value"] == .string("cpu"))
            let mem = try await client.task("mem")
            #expect(mem.vars["window"]?.objectValue?["value"] == .int(60_000_000_000))
            #expect(mem.status == .disabled)

            let table = TemplateTable.render(try await client.listTemplates(fields: ["type", "vars"]))
            #expect(table == "ID  Type      Vars                                    \n"
                + "tpl stream    measurement,window                      \n")
            let detail = TemplateTable.detail(try await client.template("tpl"))
            #expect(detail.hasPrefix("ID: tpl\nError: \nType: stream\nCreated: "))
            #expect(detail.contains("Vars:\n" + TemplateTable.row("Name", "Type", "Default Value", "Description")
                + TemplateTable.row("measurement", "string", "<required>", "")
                + TemplateTable.row("window", "duration", "5m0s", "How much data to window")
                + "DOT:\ndigraph tpl {\nstream0 -> from1;\nfrom1 -> window2;\n}\n"))

            try await Delete.parse(["templates", "t*"]).run()
            #expect(try await client.listTemplates().isEmpty)
            #expect(try await client.task("cpu").templateID == "tpl")
            await #expect(throws: ClientError.self) { try await Define.parse(["other", "-file", vars + ".yaml"]).run() }
        }
    }

    @Test func fileIDMustMatch() async throws {
        let file = try temporaryFile(#"{"id": "other"}"#, suffix: ".json")
        defer { try? FileManager.default.removeItem(atPath: file) }
        await #expect(throws: ClientError.self) { try await Define.parse(["mine", "-file", file]).run() }
    }
}
