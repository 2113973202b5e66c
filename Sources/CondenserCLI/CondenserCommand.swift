import ArgumentParser
import Client
#if canImport(Glibc)
import Glibc
#endif

/// `condenser`: the command-line client, with the `kapacitor` CLI's verbs, flags and output.
public struct CondenserCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "condenser",
        abstract: "Command-line client of a Condenser (or Kapacitor) server.",
        discussion: """
        Global options come before the command, as with the kapacitor CLI:
          -url URL       the server (default: $KAPACITOR_URL or http://localhost:9092)
          -skipVerify    do not verify the server's TLS certificate
        """,
        subcommands: [
            Define.self, DefineTemplate.self, Enable.self, Disable.self, Reload.self, Delete.self, List.self, Show.self, ShowTemplate.self, TickFmt.self, Record.self, Replay.self, ReplayLive.self, ReplayFile.self,
            DefineTopicHandler.self, ShowTopic.self, ShowTopicHandler.self, RunServiceTests.self, Level.self, Stats.self, Vars.self,
            Backup.self, Version.self,
        ])

    public init() {}

    /// Runs the CLI on `arguments` (without the program name): global flags first, then a command.
    public static func run(arguments: [String], environment: [String: String]) async -> Never {
        var rest = arguments[...]
        var url = environment["KAPACITOR_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://localhost:9092"
        while let first = rest.first, first.hasPrefix("-") {
            let flag = first.drop { $0 == "-" }
            if flag == "url", rest.count > 1 {
                url = rest[rest.startIndex + 1]
                rest = rest.dropFirst(2)
            } else if flag.hasPrefix("url=") {
                url = String(flag.dropFirst(4))
                rest = rest.dropFirst()
            } else if flag == "skipVerify" || flag.hasPrefix("skipVerify=") {
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            let scheme = url.split(separator: ":").first.map(String.init) ?? url
            printError("Unsupported protocol scheme: \(scheme), your address must start with http:// or https://")
            Glibc.exit(4)
        }
        Session.url = url
        do {
            var command = try parseAsRoot(Array(rest))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Glibc.exit(0)
        } catch let error as ClientError {
            printError("Error: \(error.description)")
            Glibc.exit(3)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Glibc.exit(0)
            }
            printError(message)
            Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
