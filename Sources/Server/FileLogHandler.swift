import Logging
import Models
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes log lines to a file, as `[logging] file = "/var/log/kapacitor/kapacitor.log"` asks.
public struct FileLogHandler: LogHandler {
    /// An open log file shared by every logger writing to it.
    public final class Output: Sendable {
        private let file: Mutex<UnsafeMutablePointer<FILE>?>

        /// Opens `path` for appending; nil when it cannot be opened.
        public init?(path: String) {
            guard let handle = fopen(path, "a") else { return nil }
            file = Mutex(handle)
        }

        func write(_ line: String) {
            file.withLock { handle in
                guard let handle else { return }
                fputs(line, handle)
                fflush(handle)
            }
        }
    }

    private let output: Output
    private let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    /// A handler for `label` writing to `output`.
    public init(label: String, output: Output) {
        self.label = label
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        output.write("ts=\(SystemClockText.now()) lvl=\(event.level) service=\(label) msg=\"\(event.message)\"\(fields)\n")
    }
}

/// The current time as RFC 3339 text for log lines.
enum SystemClockText {
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return (Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)).rfc3339Nano
    }
}
