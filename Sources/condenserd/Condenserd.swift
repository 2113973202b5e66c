import ArgumentParser
import HTTPAPI
import Logging
import Server
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `condenserd`: the Kapacitor-compatible daemon, with `kapacitord`'s commands and flags.
@main
struct Condenserd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "condenserd",
        abstract: "Condenser, a Kapacitor-compatible stream processing and alerting daemon.",
        subcommands: [Run.self, PrintConfig.self, Version.self],
        defaultSubcommand: Run.self)
}

/// Options `run` and `config` share.
struct ConfigOptions: ParsableArguments {
    @Option(name: [.customLong("config", withSingleDash: true), .customLong("config")], help: "Path to kapacitor.conf.")
    var config: String?

    @Option(name: [.customLong("hostname", withSingleDash: true), .customLong("hostname")], help: "Override the hostname.")
    var hostname: String?

    func load() throws -> Config {
        let environment = ProcessInfo.processInfo.environment
        do {
            return try Config.forDaemon(
                path: ConfigPath.find(flag: config, environment: environment), environment: environment, hostname: hostname)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the daemon (the default command).")

    @OptionGroup var options: ConfigOptions

    @Option(name: [.customLong("log-level", withSingleDash: true), .customLong("log-level")], help: "debug, info, warn, error or off.")
    var logLevel: String?

    @Option(name: [.customLong("log-file", withSingleDash: true), .customLong("log-file")], help: "Write logs to this file.")
    var logFile: String?

    @Option(name: [.customLong("pidfile", withSingleDash: true), .customLong("pidfile")], help: "Write the process ID to this file.")
    var pidfile: String?

    func run() async throws {
        let config = try options.load()
        LogSetup.bootstrap(file: logFile ?? config.logFile, level: config.logLevel(override: logLevel))
        let logger = Logger(label: "condenserd")
        if let pidfile, let file = fopen(pidfile, "w") {
            fputs("\(getpid())\n", file)
            fclose(file)
        }
        let daemon = try Daemon(config: config, logger: logger)
        try await daemon.run()
    }
}

struct PrintConfig: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Print the configuration as TOML.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        print(try options.load().toml, terminator: "")
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")

    func run() {
        print("Condenser version \(ServerIdentity.version) (Kapacitor API 1.8)")
    }
}
