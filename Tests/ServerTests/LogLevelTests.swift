import Logging
@testable import Server
import Synchronization
import Testing

/// Messages a handler was given.
private final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
}

/// A handler that keeps the messages it is given.
private struct RecordingLogHandler: LogHandler {
    let lines: LogLines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.lines.withLock { $0.append("\(event.level) \(event.message)") }
    }
}

@Suite struct LogLevelTests {
    @Test func loggersFollowTheSharedLevelUnlessGivenTheirOwn() {
        let lines = LogLines()
        let control = LogLevelControl(.info)
        let logger = Logger(label: "test") { _ in SharedLevelLogHandler(RecordingLogHandler(lines: lines), control: control) }
        logger.debug("hidden")
        logger.info("shown")
        control.set(.debug)
        logger.debug("now shown")
        control.set(.error)
        logger.info("hidden again")
        var own = logger
        own.logLevel = .info
        own.info("own level")
        #expect(lines.lines.withLock { $0 } == ["info shown", "debug now shown", "info own level"])
    }
}
