import TICKscript
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A task's vars as stored and spoken by the API: a JSON object of `{type, value, description}`.
enum TaskVars {
    /// Reads vars a request sent, in Kapacitor's words when they are wrong: `invalid JSON` for a
    /// value of the wrong JSON type, `invalid var x: ...` for a var Kapacitor refuses.
    static func decode(_ text: String) throws(EngineError) -> [String: Var] {
        let vars: [String: Var]
        do {
            vars = try JSONDecoder().decode([String: Var].self, from: Data(text.utf8))
        } catch let error as VarError {
            if case .invalid(let message) = error { throw .invalid(message) }
            throw .invalid("invalid JSON")
        } catch {
            throw .invalid("invalid JSON")
        }
        if let name = vars.keys.sorted().first(where: { vars[$0]?.value == nil }) {
            throw .invalid("invalid var \(name): unsupported Var type <nil>.")
        }
        return vars
    }

    /// Reads vars stored by `encode`; none when the text is not theirs.
    static func stored(_ text: String) -> [String: Var] {
        (try? JSONDecoder().decode([String: Var].self, from: Data(text.utf8))) ?? [:]
    }

    /// The JSON text of `vars`, keys sorted, durations as integer nanoseconds.
    static func encode(_ vars: [String: Var]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(vars)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
