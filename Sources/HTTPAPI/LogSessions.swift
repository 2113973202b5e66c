import Foundation
import GoEncoding
import Logging
import Models
import NIOCore
import Synchronization

/// The clients following the server's log through GET `/kapacitor/v1preview/logs` (Kapacitor's
/// log sessions): each gets the lines whose level and tags match its query, as logfmt or JSON.
public final class LogSessions: Sendable {
    /// One following client.
    struct Session: Sendable {
        /// `key=value` pairs every line must carry (`msg`, `lvl`, or a metadata key).
        let tags: [(key: String, value: String)]
        /// The lowest level sent (`lvl=error+`).
        let minimum: Logger.Level
        /// JSON lines rather than logfmt.
        let json: Bool
        let continuation: AsyncStream<ByteBuffer>.Continuation
    }

    private let sessions = Mutex<[Int: Session]>([:])
    private let nextID = Atomic<Int>(0)
    /// How many sessions are open: lines are formatted only when some are.
    private let open = Atomic<Int>(0)

    /// No sessions yet.
    public init() {}

    /// Opens a session; its lines arrive on the stream until `close(_:)`. A client that reads too
    /// slowly loses the oldest lines rather than holding the server's memory.
    func openSession(tags: [(key: String, value: String)], minimum: Logger.Level, json: Bool) -> (id: Int, lines: AsyncStream<ByteBuffer>) {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(1_000))
        sessions.withLock { $0[id] = Session(tags: tags, minimum: minimum, json: json, continuation: continuation) }
        open.add(1, ordering: .relaxed)
        return (id, stream)
    }

    /// Whether some client follows the log.
    public var isFollowed: Bool { open.load(ordering: .relaxed) > 0 }

    /// Ends every session, as the server stops.
    public func closeAll() {
        let all = sessions.withLock { sessions in
            defer { sessions.removeAll() }
            return Array(sessions.values)
        }
        open.subtract(all.count, ordering: .relaxed)
        for session in all { session.continuation.finish() }
    }

    /// Closes session `id`.
    func close(_ id: Int) {
        guard let session = sessions.withLock({ $0.removeValue(forKey: id) }) else { return }
        open.subtract(1, ordering: .relaxed)
        session.continuation.finish()
    }

    /// Sends a line to the sessions it matches.
    public func publish(_ line: LogLine) {
        guard isFollowed else { return }
        let matching = sessions.withLock { sessions in sessions.values.filter { line.matches($0) } }
        var json: ByteBuffer?
        var logfmt: ByteBuffer?
        for session in matching {
            if session.json {
                if json == nil { json = ByteBuffer(string: line.json) }
                session.continuation.yield(json!)
            } else {
                if logfmt == nil { logfmt = ByteBuffer(string: line.logfmt) }
                session.continuation.yield(logfmt!)
            }
        }
    }

    /// Kapacitor's level names (`debug`, `info`, `error`) as the lowest level of a session.
    static func minimum(named name: String) -> Logger.Level {
        switch name {
        case "ERROR", "error": .error
        case "INFO", "info": .info
        default: .trace
        }
    }
}

/// One logged line: what a session matches and prints.
public struct LogLine: Sendable {
    var time: Timestamp
    var level: Logger.Level
    var message: String
    /// `service` (the logger's label) first, then the metadata sorted by key.
    var fields: [(key: String, value: String)]

    /// A line logged at `time` by the logger labelled `service`, with its metadata.
    public init(time: Timestamp, level: Logger.Level, message: String, service: String, metadata: Logger.Metadata) {
        self.time = time
        self.level = level
        self.message = message
        fields = [("service", service)] + metadata.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") }
    }

    /// Kapacitor's level name: it has no warning level, and logs warnings as info.
    var levelName: String {
        switch level {
        case .trace, .debug: "debug"
        case .info, .notice, .warning: "info"
        case .error, .critical: "error"
        }
    }

    /// Whether `session` wants the line: its level is high enough and every tag matches the
    /// message, the level name or a field.
    func matches(_ session: LogSessions.Session) -> Bool {
        level >= session.minimum && session.tags.allSatisfy { tag in
            (tag.key == "msg" && tag.value == message) || (tag.key == "lvl" && tag.value == levelName)
                || fields.contains { $0.key == tag.key && $0.value == tag.value }
        }
    }

    /// `ts=… lvl=… msg=… key=value…`, values with a space or quote quoted, as Kapacitor writes.
    var logfmt: String {
        var out = "ts=" + Self.milliseconds(time) + " lvl=" + levelName + " msg=" + Self.logfmtValue(message)
        for field in fields { out += " " + field.key + "=" + Self.logfmtValue(field.value) }
        return out + "\n"
    }

    /// `{"ts":…,"lvl":…,"msg":…,"key":"value",…}`, strings quoted by Go's `strconv.Quote`, as
    /// Kapacitor writes.
    var json: String {
        var out = "{\"ts\":\"" + Self.milliseconds(time) + "\",\"lvl\":\"" + levelName + "\",\"msg\":" + GoQuote.quote(message)
        for field in fields { out += "," + GoQuote.quote(field.key) + ":" + GoQuote.quote(field.value) }
        return out + "}\n"
    }

    /// RFC 3339 with milliseconds in UTC (Kapacitor's `RFC3339Milli`).
    static func milliseconds(_ time: Timestamp) -> String {
        let text = (time - time % 1_000_000).rfc3339Nano
        guard let dot = text.firstIndex(of: ".") else { return text.dropLast() + ".000Z" }
        let fraction = text[text.index(after: dot)..<text.index(before: text.endIndex)]
        return text[...dot] + fraction.padding(toLength: 3, withPad: "0", startingAt: 0) + "Z"
    }

    /// A logfmt value: quoted (Go's `strconv.Quote`) when it holds a space or a quote.
    static func logfmtValue(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" }) ? GoQuote.quote(value) : value
    }
}
