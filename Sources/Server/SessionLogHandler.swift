import HTTPAPI
import Logging
import Models

extension LogSessions {
    /// `logger` also writing every line to the open sessions.
    public func tee(_ logger: Logger) -> Logger {
        var tee = logger
        tee.handler = wrap(logger.handler, label: logger.label)
        return tee
    }

    private func wrap<Inner: LogHandler>(_ inner: Inner, label: String) -> any LogHandler {
        SessionLogHandler(inner: inner, label: label, sessions: self)
    }
}

/// Passes the lines of the wrapped handler's level to it, and every line to the log sessions:
/// while a client follows the log, it gets debug lines too, as Kapacitor's sessions do.
struct SessionLogHandler<Inner: LogHandler>: ForwardingLogHandler {
    var inner: Inner
    let label: String
    let sessions: LogSessions

    var logLevel: Logger.Level {
        get { sessions.isFollowed ? .trace : inner.logLevel }
        set { inner.logLevel = newValue }
    }

    func log(event: LogEvent) {
        if event.level >= inner.logLevel { inner.log(event: event) }
        guard sessions.isFollowed else { return }
        sessions.publish(LogLine(
            time: SystemClock().now(), level: event.level, message: "\(event.message)", service: label,
            metadata: inner.metadata.merging(event.metadata ?? [:]) { $1 }))
    }
}
