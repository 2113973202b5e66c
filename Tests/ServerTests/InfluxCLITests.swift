import Foundation
import HummingbirdTesting
import Testing

/// Where Debian's `influx` CLI (package `influxdb-client`) is, if installed.
let influxCLI = ["/usr/bin/influx", "/usr/local/bin/influx"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// `make test` installs the real peers and sets this, so a missing one fails instead of skipping.
let peersRequired = ProcessInfo.processInfo.environment["CONDENSER_REQUIRE_PEERS"] == "1"

/// Runs `process` and returns when it has exited, without holding a thread of the cooperative
/// pool while it runs (the in-process server needs those threads to answer it).
func runToExit(_ process: Process) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        process.terminationHandler = { _ in continuation.resume() }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
}

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
                process.standardInput = FileHandle.nullDevice
                let output = Pipe()
                process.standardOutput = output
                process.standardError = output
                try await runToExit(process)
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(process.terminationStatus == 0, "influx said: \(text)")
            }
            let (_, vars) = try await client.json(.get, "/kapacitor/v1/debug/vars")
            #expect(ingressCount(vars, database: "telegraf", retentionPolicy: "", measurement: "cpu") == 2)
        }
    }

    @Test(.enabled(if: influxCLI != nil || peersRequired, "Debian's influx CLI is not installed"))
    func influxCLISendsItsCredentialsWhenTheAPINeedsThem() async throws {
        let cli = try #require(influxCLI, "install influxdb-client (make test does)")
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory, extra: "[http]\n  auth-enabled = true\n")) { client, _ async throws in
            let port = try #require(client.port)
            func insert(_ credentials: [String]) async throws -> String {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: cli)
                process.arguments = ["-host", "127.0.0.1", "-port", String(port), "-database", "telegraf"] + credentials
                    + ["-execute", "INSERT cpu,host=a value=1"]
                process.standardInput = FileHandle.nullDevice
                let output = Pipe()
                process.standardOutput = output
                process.standardError = output
                try await runToExit(process)
                return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            }
            let refused = try await insert([])
            #expect(refused.contains("unable to parse authentication credentials"), "influx said: \(refused)")
            _ = try await insert(["-username", "telegraf", "-password", "secret"])
            let (_, text, _) = try await client.call(.get, "/kapacitor/v1/debug/vars", headers: AuthTests.basic("telegraf", "secret"))
            let vars = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            #expect(ingressCount(vars, database: "telegraf", retentionPolicy: "", measurement: "cpu") == 1)
        }
    }
}
