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

/// A log level that can change while loggers use it.
public final class LogLevelControl: Sendable {
    /// The level, as an index into `Logger.Level.allCases`.
    private let index: Atomic<Int>

    /// A control starting at `level`.
    public init(_ level: Logger.Level) {
        index = Atomic(Logger.Level.allCases.firstIndex(of: level) ?? 2)
    }

    /// The current level.
    public var level: Logger.Level {
        get { Logger.Level.allCases[index.load(ordering: .relaxed)] }
        set { index.store(Logger.Level.allCases.firstIndex(of: newValue) ?? 2, ordering: .relaxed) }
    }

    /// Sets the level from Kapacitor's `/loglevel` names.
    public func set(_ name: LogLevelName) {
        switch name {
        case .debug: level = .debug
        case .info: level = .info
        case .error: level = .error
        }
    }
}

/// Points swift-log at `[logging] file`: `STDERR`, `STDOUT` or a path, at a level that POST
/// `/kapacitor/v1/loglevel` changes for every logger at once.
public enum LogSetup {
    /// The level every bootstrapped logger logs at.
    public static let control = LogLevelControl(.info)

    /// Bootstraps the logging system once per process.
    public static func bootstrap(file: String, level: Logger.Level) {
        control.level = level
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

/// A handler passing its metadata through to the handler it wraps.
protocol ForwardingLogHandler: LogHandler {
    associatedtype Inner: LogHandler
    var inner: Inner { get set }
}

extension ForwardingLogHandler {
    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }
}

/// A handler logging at its control's level unless its own logger was given a level.
struct SharedLevelLogHandler<Inner: LogHandler>: ForwardingLogHandler {
    var inner: Inner
    let control: LogLevelControl
    private var ownLevel: Logger.Level?

    init(_ inner: Inner, control: LogLevelControl = LogSetup.control) {
        self.inner = inner
        self.control = control
        self.inner.logLevel = .trace
    }

    var logLevel: Logger.Level {
        get { ownLevel ?? control.level }
        set { ownLevel = newValue }
    }

    func log(event: LogEvent) {
        inner.log(event: event)
    }
}
