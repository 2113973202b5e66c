import Logging

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

/// Points swift-log at `[logging] file`: `STDERR`, `STDOUT` or a path.
public enum LogSetup {
    /// Bootstraps the logging system once per process.
    public static func bootstrap(file: String, level: Logger.Level) {
        switch file.uppercased() {
        case "", "STDERR":
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        case "STDOUT":
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
        default:
            guard let output = FileLogHandler.Output(path: file) else {
                bootstrap(file: "STDERR", level: level)
                Logger(label: "condenser").error("cannot open log file \(file), logging to STDERR")
                return
            }
            LoggingSystem.bootstrap { label in
                var handler = FileLogHandler(label: label, output: output)
                handler.logLevel = level
                return handler
            }
        }
    }
}
