import HTTPAPI
import Logging
import Synchronization

extension Config {
    /// The swift-log level for `[logging] level` (`DEBUG`, `INFO`, `WARN`, `ERROR`, `OFF`) or an override.
    public func logLevel(override: String?) -> Logger.Level {
        switch (override ?? logLevel).uppercased() {
        case "DEBUG": .debug
        case "INFO": .info
        case "WARN", "WARNING": .warning
        case "ERROR": .error
        case "OFF", "CRITICAL": .critical
        default: .info
        }
    }
}

/// Points swift-log at `[logging] file`: `STDERR`, `STDOUT` or a path, at a level that POST
/// `/kapacitor/v1/loglevel` changes for every logger at once.
public enum LogSetup {
    /// The process's log level, as an index into `Logger.Level.allCases`.
    private static let sharedLevel = Atomic<Int>(Logger.Level.allCases.firstIndex(of: .info) ?? 2)

    /// The level every bootstrapped logger logs at.
    public static var level: Logger.Level {
        get { Logger.Level.allCases[sharedLevel.load(ordering: .relaxed)] }
        set { sharedLevel.store(Logger.Level.allCases.firstIndex(of: newValue) ?? 2, ordering: .relaxed) }
    }

    /// Sets the level from Kapacitor's `/loglevel` names.
    public static func set(_ name: LogLevelName) {
        switch name {
        case .debug: level = .debug
        case .info: level = .info
        case .error: level = .error
        }
    }

    /// Bootstraps the logging system once per process.
    public static func bootstrap(file: String, level: Logger.Level) {
        self.level = level
        switch file.uppercased() {
        case "", "STDERR":
            LoggingSystem.bootstrap { SharedLevelLogHandler(StreamLogHandler.standardError(label: $0)) }
        case "STDOUT":
            LoggingSystem.bootstrap { SharedLevelLogHandler(StreamLogHandler.standardOutput(label: $0)) }
        default:
            guard let output = FileLogHandler.Output(path: file) else {
                bootstrap(file: "STDERR", level: level)
                Logger(label: "condenser").error("cannot open log file \(file), logging to STDERR")
                return
            }
            LoggingSystem.bootstrap { SharedLevelLogHandler(FileLogHandler(label: $0, output: output)) }
        }
    }
}

/// A handler logging at `LogSetup.level` unless its own logger was given a level.
struct SharedLevelLogHandler<Inner: LogHandler>: LogHandler {
    var inner: Inner
    private var ownLevel: Logger.Level?

    init(_ inner: Inner) {
        self.inner = inner
        self.inner.logLevel = .trace
    }

    var logLevel: Logger.Level {
        get { ownLevel ?? LogSetup.level }
        set { ownLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        inner.log(event: event)
    }
}
