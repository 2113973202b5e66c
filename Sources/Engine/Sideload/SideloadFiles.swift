import Foundation
import Pipeline
import Synchronization
import Yams

/// The sideload sources of the running tasks, one per directory, shared by every task that names
/// it and reloaded together by POST `/kapacitor/v1/sideload/reload`.
public final class SideloadFiles: SideloadSources {
    private let sources = Mutex<[String: SideloadDirectory]>([:])

    /// Creates an empty set of sources.
    public init() {}

    /// The source of a `file://` URL, read on first use.
    public func source(_ url: String) throws(PipelineError) -> any SideloadSource {
        let directory = try Self.directory(of: url)
        if let loaded = sources.withLock({ $0[directory] }) { return loaded }
        let source = SideloadDirectory(directory)
        do {
            try source.load()
        } catch {
            throw PipelineError(error.description)
        }
        return sources.withLock { sources in
            if let loaded = sources[directory] { return loaded }
            sources[directory] = source
            return source
        }
    }

    /// Reads every loaded source's files again; the first failure stops and is returned, as
    /// Kapacitor's reload does.
    public func reload() throws(EngineError) {
        for (directory, source) in sources.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            do {
                try source.load()
            } catch {
                throw .failed("failed to update source \"\(directory)\": \(error.description)")
            }
        }
    }

    /// The absolute, cleaned directory of a source URL, with Kapacitor's errors for other sources.
    static func directory(of url: String) throws(PipelineError) -> String {
        guard let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isLetter }) else {
            throw PipelineError("specified endpoint does not exist: \(url)")
        }
        let scheme = url[..<colon].lowercased()
        guard scheme == "file" else {
            if scheme == "http" || scheme == "https" {
                throw PipelineError("unsupported source scheme \"\(scheme)\", Condenser reads 'file' sources")
            }
            throw PipelineError("unsupported source scheme \"\(scheme)\", must be 'file', 'http', or 'https'")
        }
        var path = String(url[url.index(after: colon)...])
        if path.hasPrefix("//") {
            path.removeFirst(2)
            path = path.firstIndex(of: "/").map { String(path[$0...]) } ?? ""
        }
        guard path.hasPrefix("/") else { throw PipelineError("sideload source path must be absolute \"\(path)\"") }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// One sideload directory: the values of each file under it, by path relative to it.
final class SideloadDirectory: SideloadSource {
    let directory: String
    private let cache = Mutex<[String: [String: SideloadValue]]>([:])

    init(_ directory: String) { self.directory = directory }

    func lookup(_ paths: [String], key: String) -> SideloadValue? {
        cache.withLock { cache in
            for path in paths {
                if let value = cache[path]?[key] { return value }
            }
            return nil
        }
    }

    /// Reads every file under the directory; YAML (`.yml`, `.yaml`) and JSON (`.json`) files give
    /// values, other files none.
    func load() throws(EngineError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .failed("failed to update sideload cache for source file \"\(directory)\": lstat \(directory): no such file or directory")
        }
        var files: [String: [String: SideloadValue]] = [:]
        for case let relative as String in manager.enumerator(atPath: directory) ?? FileManager.DirectoryEnumerator() {
            let path = directory + "/" + relative
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            do {
                files[relative] = try Self.values(path)
            } catch {
                throw .failed("failed to update sideload cache for source file \"\(directory)\": \(error.description)")
            }
        }
        cache.withLock { $0 = files }
    }

    /// The top-level keys of a values file; null values count as absent, as in Kapacitor.
    static func values(_ path: String) throws(EngineError) -> [String: SideloadValue] {
        let kind: String
        switch (path as NSString).pathExtension {
        case "yml", "yaml": kind = "yaml"
        case "json": kind = "json"
        default: return [:]
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .failed("failed to open values file \"\(path)\"")
        }
        let document: Any?
        do {
            document = try Yams.load(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw .failed("failed to unmarshal \(kind) values \"\(path)\": \(error)")
        }
        guard let document else { return [:] }
        guard let map = document as? [AnyHashable: Any] else {
            throw .failed("failed to unmarshal \(kind) values \"\(path)\": not a map of keys to values")
        }
        var values: [String: SideloadValue] = [:]
        for (key, value) in map {
            guard let key = key.base as? String ?? (key.base as? CustomStringConvertible)?.description,
                  let value = sideloadValue(value)
            else { continue }
            values[key] = value
        }
        return values
    }

    static func sideloadValue(_ value: Any) -> SideloadValue? {
        switch value {
        case let flag as Bool: .bool(flag)
        case let int as Int: .number(Double(int))
        case let double as Double: .number(double)
        case let text as String: .string(text)
        case is [Any]: .other("[]interface {}")
        case is [AnyHashable: Any]: .other("map[string]interface {}")
        default: nil
        }
    }
}
