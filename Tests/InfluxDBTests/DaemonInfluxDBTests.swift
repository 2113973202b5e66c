import Engine
import Foundation
import Logging
import Models
import Server
import TestPeers
import Testing

@Suite(.enabled(if: InfluxD.shouldRun, "influxd (Debian package influxdb) is not installed"))
struct DaemonInfluxDBTests {
    @Test func configuredClusterReceivesATasksInfluxDBOut() async throws {
        let influxd = try InfluxD()
        let directory = NSTemporaryDirectory() + "condenser-influxdb-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try Config.load(path: "test.conf", contents: """
            data_dir = "\(directory)"
            [[influxdb]]
              name = "local"
              urls = ["http://127.0.0.1:\(FreePort.next())", "\(influxd.url)"]
              username = "\(influxd.tokenUser)"
              password = "\(influxd.token)"
            """)
        let daemon = try Daemon(config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        defer { daemon.taskMaster.stop() }
        try await #require(daemon.influxDB).test(cluster: "local")
        let dbrp = DBRP(db: "telegraf", rp: "autogen")
        _ = try daemon.taskMaster.create(TaskRequest(
            id: "copy", type: .stream, dbrps: [dbrp],
            script: "stream|from().measurement('cpu')|influxDBOut().database('condenser').buffer(1)", status: .enabled))
        daemon.taskMaster.write(
            [Point(database: "telegraf", retentionPolicy: "autogen", measurement: "cpu", tags: Tags(["host": "a"]),
                   fields: Fields([Field("usage", .float(12.5))]), time: 42)], dbrp: dbrp)
        #expect(await eventually { (try? influxd.query("SELECT host, usage FROM cpu").contains("[[42,\"a\",12.5]]")) == true })
        // The task publishes its statistics after each message or tick it processes.
        #expect(try await eventually {
            daemon.taskMaster.tick()
            let stats = try daemon.taskMaster.task("copy").execution?.nodeStats["influxdb_out2"]
            return stats?["points_written"] == 1 && stats?["write_errors"] == 0
        })
    }
}
