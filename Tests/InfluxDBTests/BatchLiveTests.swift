import Engine
import Foundation
import Logging
import Models
import Server
import Synchronization
import TestPeers
import Testing

/// Keeps every message logged, for tests that expect an error in the log.
final class LogRecorder: Sendable {
    private let messages = Mutex<[String]>([])

    /// Every message so far, with its metadata.
    var all: [String] { messages.withLock { $0 } }

    /// A logger recording here.
    var logger: Logger { Logger(label: "test") { _ in Handler(recorder: self) } }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt
        ) {
            let text = "\(level) \(message) \((metadata ?? [:]).sorted { $0.key < $1.key })"
            recorder.messages.withLock { $0.append(text) }
        }
    }
}

@Suite(.enabled(if: InfluxD.shouldRun, "influxd (Debian package influxdb) is not installed"))
struct BatchLiveTests {
    @Test func aBatchTaskQueriesInfluxDBOnItsScheduleAndWrongCredentialsAreAnErrorInItsStats() async throws {
        let influxd = try await InfluxD.start()
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        try influxd.write("cpu,host=a usage=97.5 \(now - 5_000_000_000)\ncpu,host=b usage=3.25 \(now - 4_000_000_000)")
        let directory = NSTemporaryDirectory() + "condenser-batch-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try Config.load(path: "test.conf", contents: """
            data_dir = "\(directory)"
            [[influxdb]]
              name = "local"
              default = true
              urls = ["\(influxd.url)"]
              username = "\(influxd.tokenUser)"
              password = "\(influxd.token)"
              disable-subscriptions = true
            [[influxdb]]
              name = "wrong"
              urls = ["\(influxd.url)"]
              username = "\(influxd.tokenUser)"
              password = "not-the-token"
              disable-subscriptions = true
            """)
        let log = LogRecorder()
        let daemon = try Daemon(config: config, logger: log.logger)
        defer { daemon.taskMaster.stop() }
        let dbrp = DBRP(db: "condenser", rp: "autogen")
        let query = #"query('SELECT usage FROM "condenser"."autogen"."cpu"').period(1h).every(1s).groupBy('host')"#
        _ = try daemon.taskMaster.create(TaskRequest(
            id: "cpu", type: .batch, dbrps: [dbrp], script: "batch|\(query)|httpOut('out')", status: .enabled))
        _ = try daemon.taskMaster.create(TaskRequest(
            id: "denied", type: .batch, dbrps: [dbrp], script: "batch|\(query).cluster('wrong')|httpOut('out')", status: .enabled))

        // The daemon's ticker drives the schedule; here the test ticks while it polls.
        #expect(try await eventually {
            daemon.taskMaster.tick()
            let body = daemon.taskMaster.httpOut(task: "cpu", endpoint: "out") ?? ""
            return body.contains(#""tags":{"host":"a"},"columns":["time","usage"]"#) && body.contains("97.5")
                && body.contains(#""tags":{"host":"b"}"#) && body.contains("3.25")
        })
        #expect(try (daemon.taskMaster.task("cpu").execution?.nodeStats["query1"]?["batches_queried"] ?? 0) >= 1)

        #expect(try await eventually {
            daemon.taskMaster.tick()
            return try (daemon.taskMaster.task("denied").execution?.nodeStats["query1"]?["errors"] ?? 0) >= 1
        })
        #expect(log.all.contains { $0.contains("authorization failed") && $0.contains("denied") })
        #expect(try daemon.taskMaster.task("denied").executing)
        #expect(try daemon.taskMaster.task("cpu").executing)
    }
}
