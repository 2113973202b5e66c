import APIModels
import ArgumentParser
import Client
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `level (debug|info|error)`: sets the server's log level.
struct Level: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sets the logging level on the server.")
    @Argument(help: "debug, info or error.") var level: String

    func run() async throws {
        try await Session.client.setLogLevel(level)
    }
}

/// `stats <general|ingress>`: the `kapacitor` CLI's summaries of `/debug/vars`.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print stats about a certain aspect of the server.",
        discussion: """
            general - Display summary stats about the server.
            ingress - Display stats about the data the server is receiving by database, retention policy and measurement.
            """)
    @Argument(help: "general or ingress.") var category: String

    func run() async throws {
        print(StatsTable.render(category, try await Session.client.debugVars()), terminator: "")
    }
}

/// `vars`: prints `/debug/vars` as the server sent it.
struct Vars: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print debug vars.")

    func run() async throws {
        print(try await Session.client.debugVarsText(), terminator: "")
    }
}

/// `backup <output file>`: saves a copy of the server's database.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Perform a backup of the database.",
        discussion: "To restore a database first stop the server, then replace the existing database file with the backup file.")
    @Argument(help: "The file to write.") var output: String

    func run() async throws {
        let bytes = try await Session.client.backup()
        guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
            throw ClientError("failed to create backup file")
        }
    }
}

/// The `kapacitor stats` layouts.
enum StatsTable {
    /// `general`: `%-30s` labels and values; `ingress`: points received per db, rp and
    /// measurement under Kapacitor's header; other categories print nothing, as Kapacitor's.
    static func render(_ category: String, _ vars: DebugVars) -> String {
        switch category {
        case "general":
            let rows: [(String, String)] = [
                ("ClusterID:", vars.clusterID), ("ServerID:", vars.serverID), ("Host:", vars.host),
                ("Tasks:", String(vars.numTasks)), ("Enabled Tasks:", String(vars.numEnabledTasks)),
                ("Subscriptions:", String(vars.numSubscriptions)), ("Platform:", vars.platform), ("Version:", vars.version),
            ]
            return rows.map { pad($0.0, 30) + pad($0.1, 30) + "\n" }.joined()
        case "ingress":
            let rows = vars.stats.values
                .filter { $0.name == "ingress" && $0.tags["task_master"] == "main" }
                .map { stat -> (String, String, String, Int64) in
                    var points: Int64 = 0
                    switch stat.values["points_received"] {
                    case .int(let count)?: points = count
                    case .double(let count)?: points = Int64(count)
                    default: break
                    }
                    return (stat.tags["database"] ?? "", stat.tags["retention_policy"] ?? "", stat.tags["measurement"] ?? "", points)
                }
                .sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            let database = (rows.map(\.0.count).max() ?? 0).clamped(min: 8) + 1
            let policy = (rows.map(\.1.count).max() ?? 0).clamped(min: 16) + 1
            let measurement = (rows.map(\.2.count).max() ?? 0).clamped(min: 11) + 1
            let header = pad("Database", database) + pad("Retention Policy", policy) + pad("Measurement", measurement) + "Points Received\n"
            return header + rows.map { row in
                let count = String(row.3)
                return pad(row.0, database) + pad(row.1, policy) + pad(row.2, measurement)
                    + String(repeating: " ", count: max(0, 15 - count.count)) + count + "\n"
            }.joined()
        default:
            return ""
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension Int {
    fileprivate func clamped(min lower: Int) -> Int { Swift.max(self, lower) }
}
