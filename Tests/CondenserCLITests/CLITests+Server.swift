import Client
@testable import CondenserCLI
import Foundation
import Server
import Storage
import Testing

extension CLITests {
    @Test func statsLevelVarsAndBackupTalkToTheServer() async throws {
        try await withServer { url async throws in
            Session.url = url
            let client = KapacitorClient(baseURL: url)
            let tick = NSTemporaryDirectory() + "cpu-\(UUID().uuidString).tick"
            try "stream|from().measurement('cpu')".write(toFile: tick, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: tick) }
            try await Define.parse(["cpu", "-type", "stream", "-dbrp", "telegraf.autogen", "-tick", tick]).run()

            let vars = try await client.debugVars()
            let general = StatsTable.render("general", vars)
            #expect(general.contains("\nTasks:                        1                             \n"))
            #expect(general.contains("\nEnabled Tasks:                0                             \n"))
            #expect(general.hasPrefix("ClusterID:                    \(vars.clusterID)"))
            #expect(general.contains("\nPlatform:                     OSS                           \nVersion:                      \(vars.version)"))
            #expect(general.split(separator: "\n").allSatisfy { $0.count >= 60 })
            #expect(try await client.debugVarsText().hasPrefix("{"))

            try await Level.parse(["DEBUG"]).run()
            #expect(LogSetup.control.level == .debug)
            try await Level.parse(["info"]).run()
            #expect(LogSetup.control.level == .info)
            await #expect { try await Level.parse(["verbose"]).run() } throws: { "\($0)" == "invalid log level" }

            let file = NSTemporaryDirectory() + "backup-\(UUID().uuidString).db"
            defer { try? FileManager.default.removeItem(atPath: file) }
            try await Backup.parse([file]).run()
            let restored = try Store(path: file)
            #expect(try restored.tasks.all().map(\.id) == ["cpu"])
        }
    }

    @Test func ingressStatsAreSortedAndPaddedAsKapacitors() throws {
        let json = """
        {"cluster_id":"c","server_id":"s","host":"h","num_tasks":0,"num_enabled_tasks":0,"num_subscriptions":0,
         "platform":"OSS","version":"1.8.0","kapacitor":{
          "a":{"name":"ingress","tags":{"database":"telegraf","retention_policy":"autogen","measurement":"cpu","task_master":"main"},"values":{"points_received":1234}},
          "b":{"name":"ingress","tags":{"database":"_internal","retention_policy":"monitor","measurement":"a_very_long_measurement","task_master":"main"},"values":{"points_received":5}},
          "c":{"name":"ingress","tags":{"database":"x","retention_policy":"y","measurement":"z","task_master":"other"},"values":{"points_received":9}},
          "d":{"name":"nodes","tags":{},"values":{}}}}
        """
        let vars = try JSONDecoder().decode(DebugVars.self, from: Data(json.utf8))
        #expect(StatsTable.render("ingress", vars) == """
        Database  Retention Policy Measurement             Points Received
        _internal monitor          a_very_long_measurement               5
        telegraf  autogen          cpu                                1234

        """)
    }
}
