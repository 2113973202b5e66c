import APIModels
import Foundation
import HTTPAPI
import Logging
import Storage
import Synchronization

/// Kapacitor's config override service: keeps the overrides POSTed to `/kapacitor/v1/config` in
/// the store, applies them over the configuration the file and the environment give, and hands
/// each new configuration to the running services.
final class ConfigOverrides: ConfigOverrideService {
    /// The configuration from the file and the environment.
    let base: Config
    let repository: ConfigOverrideRepository
    let isEnabled: Bool
    /// Gives a changed configuration to the services; fails when one refuses it.
    let apply: @Sendable (Config) throws -> Void
    /// Serialises updates.
    private let lock = Mutex(())

    init(base: Config, repository: ConfigOverrideRepository, apply: @escaping @Sendable (Config) throws -> Void) {
        self.base = base
        self.repository = repository
        isEnabled = base.bool("config-override", "enabled", or: true)
        self.apply = apply
    }

    /// The configuration to start with: `base` with the stored overrides, unless
    /// `skip-config-overrides` is set or `[config-override]` is disabled (as Kapacitor reads
    /// them only then). An override that no longer applies (the file changed) is logged and the
    /// others are kept.
    static func startingConfig(_ base: Config, repository: ConfigOverrideRepository, logger: Logger) throws -> Config {
        guard !base.bool("skip-config-overrides"), base.bool("config-override", "enabled", or: true) else { return base }
        return try applying(repository.all().map(Self.override), to: base, strictly: nil, logger: logger)
    }

    func view() throws(APIError) -> ConfigView {
        do {
            return try Self.applying(repository.all().map(Self.override), to: base, strictly: nil, logger: nil).configView
        } catch {
            throw APIError(.internalServerError, "failed to resolve current config:\(error)")
        }
    }

    func update(section: String, element: String, hasElement: Bool, _ action: ConfigUpdateAction) throws(APIError) {
        try lock.withLock { _ throws(APIError) in
            let stored: [ConfigOverrideRecord]
            let change: Change
            do {
                try Self.validate(section: section, element: element, hasElement: hasElement, action)
                stored = try repository.all()
                change = try Self.change(stored, section: section, element: element, action)
            } catch {
                throw APIError(.badRequest, "failed to apply update: \(error)")
            }
            let config: Config
            do throws(ConfigError) {
                config = try Self.applying(change.apply(to: stored).map(Self.override), to: base, strictly: section, logger: nil)
            } catch {
                throw APIError(.badRequest, error.description)
            }
            do {
                try apply(config)
            } catch {
                throw APIError(.internalServerError, "failed to update configuration \(section)/\(element): \(error)")
            }
            do {
                switch change {
                case .save(let record): try repository.save(record)
                case .remove(let ids): try repository.delete(ids)
                }
            } catch {
                throw APIError(.internalServerError, "\(error)")
            }
        }
    }

    /// `base` with `overrides` applied in the order of their IDs, as Kapacitor lists them. Those
    /// of section `strictly` must apply, else the error is Kapacitor's; any other that no
    /// longer does (the file changed under it) is skipped, so that it cannot block the rest.
    private static func applying(
        _ overrides: [ConfigOverride], to base: Config, strictly section: String?, logger: Logger?
    ) throws(ConfigError) -> Config {
        var config = base
        for override in overrides {
            do {
                config = try config.overriding([override])
            } catch {
                if override.section == section { throw error }
                logger?.error("ignoring a config override that does not apply", metadata: ["error": "\(error)"])
            }
        }
        return config
    }

    /// What an update does to the stored overrides.
    enum Change {
        /// Stores the override (new or changed).
        case save(ConfigOverrideRecord)
        /// Drops the overrides with these IDs.
        case remove([String])

        /// The stored overrides after the change.
        func apply(to stored: [ConfigOverrideRecord]) -> [ConfigOverrideRecord] {
            switch self {
            case .save(let record): (stored.filter { $0.id != record.id } + [record]).sorted { $0.id < $1.id }
            case .remove(let ids): stored.filter { !ids.contains($0.id) }
            }
        }
    }

    /// Kapacitor's `updateAction.Validate`.
    static func validate(section: String, element: String, hasElement: Bool, _ action: ConfigUpdateAction) throws(ConfigError) {
        func invalid(_ message: String) -> ConfigError { ConfigError("invalid update action: \(message)") }
        guard !section.isEmpty else { throw invalid("must provide section name") }
        guard isValidName(section) else { throw invalid("invalid section name \"\(section)\"") }
        guard element.isEmpty || isValidName(element) else { throw invalid("invalid element name \"\(element)\"") }
        let setting = !action.set.isEmpty || !action.delete.isEmpty
        if setting && !(action.add.isEmpty && action.remove.isEmpty) {
            throw invalid("cannot provide both set/delete and add/remove actions in the same update")
        }
        if !action.add.isEmpty && !element.isEmpty {
            throw invalid("must not provide an element name when adding an a new override")
        }
        if !action.remove.isEmpty && !element.isEmpty { throw invalid("must not provide element when removing an override") }
        if action.remove.isEmpty && action.add.isEmpty && !hasElement {
            throw invalid("element not specified, are you missing a trailing '/'?")
        }
    }

    /// Go's `^[-\w+]+$`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"): true
            default: false
            }
        }
    }

    /// Kapacitor's `overridesForUpdateAction`: the override an update stores, or those it drops.
    static func change(
        _ stored: [ConfigOverrideRecord], section: String, element: String, _ action: ConfigUpdateAction
    ) throws(ConfigError) -> Change {
        guard action.remove.isEmpty else { return .remove(action.remove.map { id(section, $0) }) }
        var element = element
        if !action.add.isEmpty {
            guard let entry = Config.overridable.first(where: { $0.section == section }) else {
                throw ConfigError("unknown section \"\(section)\"")
            }
            guard let key = entry.elementKey else { throw ConfigError("section \"\(section)\" is not a list, cannot add new element") }
            guard let value = action.add[key] else { throw ConfigError("missing key \"\(key)\" in \"add\" map") }
            guard case .string(let name) = value else {
                throw ConfigError("expected \"\(key)\" key to be a string, got \(Config.goKind(value))")
            }
            element = name
        }
        let overrideID = id(section, element)
        let existing = stored.first { $0.id == overrideID }
        if !action.add.isEmpty {
            guard existing == nil else { throw ConfigError("cannot add new override, override already exists for \(overrideID)") }
            return .save(ConfigOverrideRecord(id: overrideID, options: text(action.add), create: true))
        }
        var options: [String: JSONValue] = [:]
        if let existing, case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(existing.options.utf8)) {
            options = object
        }
        options.merge(action.set) { $1 }
        for name in action.delete { options[name] = nil }
        return .save(ConfigOverrideRecord(id: overrideID, options: text(options), create: existing?.create ?? false))
    }

    /// Options as stored: a JSON object with sorted keys.
    static func text(_ options: [String: JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(JSONValue.object(options))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// `section/element`; `section/` for no element.
    static func id(_ section: String, _ element: String) -> String { section + "/" + element }

    /// A stored record as the override it applies; a created element's own name is among its
    /// options, so its override names no element.
    static func override(_ record: ConfigOverrideRecord) -> ConfigOverride {
        var options: [String: JSONValue] = [:]
        if case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(record.options.utf8)) { options = object }
        let element = String(record.id.dropFirst(record.section.count + 1))
        return ConfigOverride(section: record.section, element: record.create ? "" : element, options: options, create: record.create)
    }
}
