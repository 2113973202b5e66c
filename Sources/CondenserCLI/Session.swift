import Client
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The server the commands talk to, set once from `-url` before a command runs.
enum Session {
    private static let storage = Mutex("http://localhost:9092")

    static var url: String {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }

    static var client: KapacitorClient { KapacitorClient(baseURL: url) }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    let text = line + "\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
}
