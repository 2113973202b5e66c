import Foundation
import Pipeline
import Yams

/// One sideload directory: the values of each file under it, by path relative to it.
final class SideloadDirectory: LoadableSideloadSource {
    let directory: String
    let cache = SideloadCache()

    init(_ directory: String) { self.directory = directory }

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
        cache.replace(with: files)
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
        return values(of: map)
    }

    /// The values of a decoded map of keys to values; null and other values count as absent.
    static func values(of map: [AnyHashable: Any]) -> [String: SideloadValue] {
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
