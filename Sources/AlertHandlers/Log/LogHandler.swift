import Alerting
import Foundation
import Models

/// The `log` handler: appends each event's JSON, one per line, to a file.
struct LogHandler: AlertHandler {
    /// The options: `path` of the file and its `mode` (permissions when created, default 0600).
    struct Options: Decodable {
        var path: String
        var mode: Int64?
    }

    let path: String
    let mode: Int

    func handle(_ event: Event) async throws {
        let line = AlertBody.json(event) + "\n"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, mode_t(mode))
        guard descriptor >= 0 else { throw HandlerError("failed to open file \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let written = line.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
        guard written == line.utf8.count else { throw HandlerError("failed to write to \(path): \(String(cString: strerror(errno)))") }
    }
}

/// The `log` kind.
struct LogHandlerKind: HandlerKind {
    let kind = "log"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(LogHandler.Options.self, from: options)
        guard options.path.hasPrefix("/") else { throw HandlerError("log path must be absolute: \(options.path)") }
        return LogHandler(path: options.path, mode: Int(options.mode ?? 0o600))
    }
}
