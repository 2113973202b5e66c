import Foundation
import Models

/// Decodes a handler's JSON options the way Kapacitor's `decodeOptions` does: a key the handler does
/// not know is an error (`invalid keys: x`), as is a value of the wrong type.
enum StrictOptions {
    /// `options` decoded as `T`, whose keys must be among `keys`; `typeName` names `T` in errors as
    /// Kapacitor names its Go type (`*alert.PublishHandlerConfig`).
    static func decode<T: Decodable>(_ type: T.Type, from options: Data, keys: Set<String>, typeName: String) throws -> T {
        let object = options.isEmpty ? [:] : (try? JSONSerialization.jsonObject(with: options)) as? [String: Any]
        guard let object else { throw OptionsError("failed to decode options into \(typeName): options must be an object") }
        let unknown = object.keys.filter { !keys.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw OptionsError("failed to decode options into \(typeName): invalid keys: \(unknown.joined(separator: ","))")
        }
        do {
            return try JSONDecoder().decode(T.self, from: options.isEmpty ? Data("{}".utf8) : options)
        } catch {
            throw OptionsError("failed to decode options into \(typeName): \(Self.describe(error))")
        }
    }

    /// A decoding error in a sentence naming the option at fault.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(let type, let context): "'\(path(context))' expected type '\(type)'"
        case .valueNotFound(_, let context): "'\(path(context))' is null"
        case .keyNotFound(let key, _): "'\(key.stringValue)' is required"
        case .dataCorrupted(let context): "'\(path(context))': \(context.debugDescription)"
        default: "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }
}

/// A handler option that is missing, unknown or of the wrong type.
public struct OptionsError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, in Kapacitor's words where it has some.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// A Go `time.Duration` option: a duration string (`"1m"`) or an integer of nanoseconds.
struct DurationOption: Decodable {
    let nanoseconds: Int64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int64.self) {
            nanoseconds = integer
        } else if let parsed = GoDuration.parse(try container.decode(String.self)) {
            nanoseconds = parsed
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid duration")
        }
    }
}
