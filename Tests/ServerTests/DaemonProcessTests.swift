import APIModels
import Client
import Foundation
import Models
import Server
import TestPeers
import Testing

/// The built `condenserd` next to the test bundle, if the build made one.
let condenserdBinary: String? = {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    return [directory + "/condenserd", directory + "/../condenserd"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Runs `condenserd` with `arguments`, returning its exit status and output.
func runCondenserd(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(condenserdBinary))
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite(.enabled(if: condenserdBinary != nil || peersRequired, "condenserd is not built")) struct DaemonProcessTests {
    @Test func configCommandPrintsLoadableTOMLWithOverrides() throws {
        let (status, output) = try runCondenserd(["config", "-config", "/dev/null"], environment: ["KAPACITOR_HTTP_BIND_ADDRESS": ":9999"])
        #expect(status == 0)
        #expect(output.contains("[[influxdb]]"))
        let config = try Config.load(path: "printed.conf", contents: output)
        #expect(config.warnings.isEmpty)
        #expect(config.bindAddress == ":9999")
    }

    @Test func versionCommand() throws {
        let (status, output) = try runCondenserd(["version"])
        #expect(status == 0)
        #expect(output.hasPrefix("Condenser version 1.8.3-condenser"))
    }

    @Test func badConfigIsAClearErrorNamingTheFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/bad.conf"
        try "[http]\nbind-address = 9092\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (status, output) = try runCondenserd(["run", "-config", path])
        #expect(status != 0)
        #expect(output.contains("\(path): http.bind-address: expected a string, found integer"))
    }

    @Test func sigtermStopsGracefullyAndTheRestartKeepsTheTask() async throws {
        let directory = TemporaryDirectory()
        let port = FreePort.next()
        let path = directory.path + "/kapacitor.conf"
        try """
        data_dir = "\(directory.path)"
        [http]
          bind-address = "127.0.0.1:\(port)"
          log-enabled = false
        [logging]
          level = "INFO"
          file = "\(directory.path)/condenser.log"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let client = KapacitorClient(baseURL: "http://127.0.0.1:\(port)", timeout: .seconds(2))
        for round in 0..<2 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(condenserdBinary))
            process.arguments = ["-config", path]
            try process.run()
            var up = false
            for _ in 0..<100 where !up {
                up = (try? await client.ping()) != nil
                if !up { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(up)
            if round == 0 {
                let options = TaskOptions(
                    id: "kept", type: .stream, dbrps: [DBRP(db: "d", rp: "r")], script: "stream", status: .enabled)
                #expect(try await client.createTask(options).executing)
            } else {
                #expect(try await client.task("kept").executing)
            }
            process.terminate()
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
        let log = try String(contentsOfFile: directory.path + "/condenser.log", encoding: .utf8)
        #expect(log.contains("msg=\"stopped\""))
    }
}
