import Foundation
import Pipeline
import Synchronization

/// The sideload sources of the running tasks, one per directory or URL, shared by every task
/// that names it and reloaded together by POST `/kapacitor/v1/sideload/reload`.
public final class SideloadLoader: SideloadSources {
    private let sources = Mutex<[String: any LoadableSideloadSource]>([:])

    /// Creates an empty set of sources.
    public init() {}

    /// The source of a `file://` or `http(s)://` URL, read on first use.
    public func source(_ url: String, endpoint: HTTPPostEndpoint?) throws(PipelineError) -> any SideloadSource {
        let scheme = try Self.scheme(of: url)
        let key = scheme == "file" ? try Self.directory(of: url) : url
        if let loaded = sources.withLock({ $0[key] }) { return loaded }
        let source: any LoadableSideloadSource =
            scheme == "file" ? SideloadDirectory(key) : SideloadHTTPSource(url: url, endpoint: endpoint)
        do {
            try source.load()
        } catch {
            throw PipelineError(scheme == "file" ? error.description : "Error fetching sideload data from \(url) :: \(error.description)")
        }
        return sources.withLock { sources in
            if let loaded = sources[key] { return loaded }
            sources[key] = source
            return source
        }
    }

    /// Reads every loaded source again; the first failure stops and is returned, as Kapacitor's
    /// reload does.
    public func reload() throws(EngineError) {
        for (key, source) in sources.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            do {
                try source.load()
            } catch {
                throw .failed("failed to update source \"\(key)\": \(error.description)")
            }
        }
    }

    /// A source URL's scheme, with Kapacitor's errors for a missing or unsupported one.
    static func scheme(of url: String) throws(PipelineError) -> String {
        guard let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isLetter }) else {
            throw PipelineError("specified endpoint does not exist: \(url)")
        }
        let scheme = url[..<colon].lowercased()
        guard ["file", "http", "https"].contains(scheme) else {
            throw PipelineError("unsupported source scheme \"\(scheme)\", must be 'file', 'http', or 'https'")
        }
        return scheme
    }

    /// The absolute, cleaned directory of a `file://` URL.
    static func directory(of url: String) throws(PipelineError) -> String {
        var path = String(url[url.index(after: url.firstIndex(of: ":") ?? url.startIndex)...])
        if path.hasPrefix("//") {
            path.removeFirst(2)
            path = path.firstIndex(of: "/").map { String(path[$0...]) } ?? ""
        }
        guard path.hasPrefix("/") else { throw PipelineError("sideload source path must be absolute \"\(path)\"") }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// A sideload source that can be read (again).
protocol LoadableSideloadSource: SideloadSource {
    /// The values read last.
    var cache: SideloadCache { get }
    /// Replaces the source's values with what it holds now.
    func load() throws(EngineError)
}

extension LoadableSideloadSource {
    func lookup(_ paths: [String], key: String) -> SideloadValue? {
        cache.lookup(paths, key: key)
    }
}

/// A source's values, by path (a file relative to the directory, or a key of the HTTP answer)
/// and key.
final class SideloadCache: Sendable {
    private let files = Mutex<[String: [String: SideloadValue]]>([:])

    /// The value of `key` in the first of `paths` that has it.
    func lookup(_ paths: [String], key: String) -> SideloadValue? {
        files.withLock { files in
            for path in paths {
                if let value = files[path]?[key] { return value }
            }
            return nil
        }
    }

    /// Replaces every value.
    func replace(with files: [String: [String: SideloadValue]]) {
        self.files.withLock { $0 = files }
    }
}
