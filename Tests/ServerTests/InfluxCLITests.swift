import Foundation
import HummingbirdTesting
import Testing

/// Where Debian's `influx` CLI (package `influxdb-client`) is, if installed.
let influxCLI = ["/usr/bin/influx", "/usr/local/bin/influx"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// `make test` installs the real peers and sets this, so a missing one fails instead of skipping.
let peersRequired = ProcessInfo.processInfo.environment["CONDENSER_REQUIRE_PEERS"] == "1"

@Suite struct InfluxCLITests {
    @Test(.enabled(if: influxCLI != nil || peersRequired, "Debian's influx CLI is not installed"))
    func influxCLIWritesThroughWrite() async throws {
        let cli = try #require(influxCLI, "install influxdb-client (make test does)")
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let port = try #require(client.port)
            for statement in ["INSERT cpu,host=a value=1", "INSERT cpu,host=b value=2 1700000000000000000"] {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: cli)
                process.arguments = ["-host", "127.0.0.1", "-port", String(port), "-database", "telegraf", "-execute", statement]
                let output = Pipe()
                process.standardOutput = output
                process.standardError = output
                try process.run()
                await Task.detached { process.waitUntilExit() }.value
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(process.terminationStatus == 0, "influx said: \(text)")
            }
            let (_, vars) = try await client.json(.get, "/kapacitor/v1/debug/vars")
            #expect(ingressCount(vars, database: "telegraf", retentionPolicy: "", measurement: "cpu") == 2)
        }
    }
}
