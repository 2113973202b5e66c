import APIModels
import Engine
import Foundation
import Yams

/// The `[load]` directory: at start, the topic handler files in its `handlers/` folder
/// (`*.yaml`, `*.yml`, `*.json`, each `{topic, id, kind, options, match}`) are created, or replace the
/// handler of that ID, as Kapacitor's load service does. A file that cannot be loaded stops the start.
struct LoadDirectory {
    /// The directory (`[load] dir`).
    let path: String

    /// Loads every handler file, in name order; a missing directory loads nothing.
    func loadHandlers(into registry: TopicHandlerRegistry) throws {
        let folder = (path as NSString).appendingPathComponent("handlers")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where ["yaml", "yml", "json"].contains((name as NSString).pathExtension) {
            let file = (folder as NSString).appendingPathComponent(name)
            do {
                try loadHandler(file, into: registry)
            } catch {
                throw ConfigError("failed to load file \(file): \(error)")
            }
        }
    }

    /// Creates or replaces the handler `file` describes.
    func loadHandler(_ file: String, into registry: TopicHandlerRegistry) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let options: TopicHandlerOptions
        do {
            if (file as NSString).pathExtension == "json" {
                options = try JSONDecoder().decode(TopicHandlerOptions.self, from: data)
            } else {
                options = try YAMLDecoder().decode(TopicHandlerOptions.self, from: data)
            }
        } catch {
            throw ConfigError("failed to unmarshal handler file \"\(file)\": \(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let spec = TopicHandlerSpec(
            topic: options.topic, id: options.id, kind: options.kind,
            options: String(decoding: try encoder.encode(options.options), as: UTF8.self), match: options.match)
        do {
            if (try? registry.spec(topic: spec.topic, id: spec.id)) == nil {
                try registry.create(spec)
            } else {
                try registry.replace(spec.id, with: spec)
            }
        } catch {
            throw ConfigError(error.description)
        }
    }
}
