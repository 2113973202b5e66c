import ArgumentParser
import Client
import Engine
import Models
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `replay-file`: runs a TICKscript over recording files without a server and prints what its
/// httpOut node serves once the data is drained, for unit-testing TICKscripts.
struct ReplayFile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-file",
        abstract: "Run a TICKscript over .srpl/.brpl recordings offline and print an httpOut result.")

    @Option(name: [.long, .customLong("type", withSingleDash: true)], help: "stream or batch.")
    var type: String
    @Option(name: [.long, .customLong("dbrp", withSingleDash: true)], help: "The task's database.retention_policy.")
    var dbrp: String
    @Option(name: [.long, .customLong("tick", withSingleDash: true)], help: "The TICKscript file.")
    var tick: String
    @Option(name: [.long, .customLong("data", withSingleDash: true)], help: "A recording file (repeat for several).")
    var data: [String]
    @Option(name: [.long, .customLong("precision", withSingleDash: true)], help: "The unit of .srpl timestamps.")
    var precision = "s"
    @Option(name: [.long, .customLong("start", withSingleDash: true)], help: "The RFC3339 time the first point moves to.")
    var start = "1971-01-01T00:00:00Z"
    @Option(name: [.long, .customLong("duration", withSingleDash: true)], help: "How long the replay clock runs.")
    var duration = "0s"
    @Option(name: [.long, .customLong("http-out", withSingleDash: true)], help: "The httpOut node to print.")
    var httpOut: String

    func run() async throws {
        guard let taskType = TaskType(rawValue: type), taskType != .invalid else { throw ClientError("invalid type \(type)") }
        let parts = dbrp.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ClientError("invalid dbrp \(dbrp): want DB.RP") }
        guard let unit = Precision(parameter: precision) else { throw ClientError("invalid precision \(precision)") }
        guard let startTime = Timestamp(rfc3339: start) else { throw ClientError("invalid start time \(start)") }
        guard let length = GoDuration.parse(duration) else { throw ClientError("invalid duration \(duration)") }
        let replay = FileReplay(
            type: taskType, dbrp: DBRP(db: parts[0], rp: parts[1]), script: try readText(tick),
            data: try data.map(readText), precision: unit, start: startTime, duration: length, httpOut: httpOut)
        print(try await Self.run(replay))
    }

    /// Runs the replay, node errors on stderr.
    static func run(_ replay: FileReplay) async throws(ClientError) -> String {
        do {
            return try await replay.run(onError: report)
        } catch {
            throw ClientError(error.description)
        }
    }

    @Sendable static func report(_ node: String, _ message: String) {
        printError("\(node): \(message)")
    }
}
