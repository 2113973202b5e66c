import Alerting
import Foundation
import Models

/// The options of one run of a service test, a JSON object read loosely as Go reads its test
/// options struct: a missing or mistyped member is its zero value.
struct TestOptions {
    let values: [String: Any]

    init(_ data: Data) {
        values = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    func string(_ key: String) -> String { values[key] as? String ?? "" }
    func bool(_ key: String) -> Bool { values[key] as? Bool ?? false }
    func strings(_ key: String) -> [String] { values[key] as? [String] ?? [] }
    func object(_ key: String) -> [String: Any] { values[key] as? [String: Any] ?? [:] }

    /// An `alert.Level` member (`"CRITICAL"`); Kapacitor's error for another name.
    func level(_ key: String) throws -> AlertLevel {
        let name = string(key)
        guard let level = AlertLevel(name: name) else { throw HandlerError("unknown alert level '\(name)'") }
        return level
    }

    /// A `time.Time` member in RFC 3339; now when missing.
    func time(_ key: String, now: Timestamp) -> Timestamp {
        Timestamp(rfc3339: string(key)) ?? now
    }
}

/// Test events: what Kapacitor's service tests hand to their `Alert` functions, as events.
enum TestEvent {
    /// An event of alert `id` with `message` at `level`.
    static func make(
        id: String = "", message: String = "", details: String = "", level: AlertLevel = .ok, time: Timestamp = 0,
        topic: String = "", name: String = ""
    ) -> Event {
        Event(
            topic: topic, state: EventState(id: id, message: message, details: details, time: time, level: level),
            data: EventData(name: name, taskName: "", group: ""))
    }
}

extension HandlerEnvironment {
    /// Member `key` of section `name` (a repeated section's first element), else `fallback`:
    /// what a test's default options take from the configuration.
    func configured(_ name: String, _ key: String, or fallback: Any = "") -> Any {
        guard let data = sections[name], let value = try? JSONSerialization.jsonObject(with: data) else { return fallback }
        let object = (value as? [String: Any]) ?? (value as? [[String: Any]])?.first
        return object?[key] ?? fallback
    }
}
