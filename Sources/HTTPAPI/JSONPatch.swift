import APIModels
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An RFC 6902 JSON Patch: `add`, `remove`, `replace`, `move`, `copy` and `test` operations on
/// RFC 6901 pointers, applied in order, all or nothing.
struct JSONPatch {
    /// One operation.
    struct Operation: Decodable {
        var op: String
        var path: String
        var from: String?
        var value: JSONValue?

        enum CodingKeys: String, CodingKey { case op, path, from, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            op = try container.decode(String.self, forKey: .op)
            path = try container.decode(String.self, forKey: .path)
            from = try container.decodeIfPresent(String.self, forKey: .from)
            value = container.contains(.value) ? try container.decode(JSONValue.self, forKey: .value) : nil
        }
    }

    /// A patch that cannot be read or applied.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    let operations: [Operation]

    /// Reads a patch document: a JSON array of operations.
    init(data: Data) throws(Failure) {
        do {
            operations = try JSONDecoder().decode([Operation].self, from: data)
        } catch {
            throw Failure("a patch is a JSON array of operations with op and path")
        }
        for operation in operations where !["add", "remove", "replace", "move", "copy", "test"].contains(operation.op) {
            throw Failure("Unexpected kind: \(operation.op)")
        }
    }

    /// `document` with every operation applied.
    func apply(to document: JSONValue) throws(Failure) -> JSONValue {
        var document = document
        for operation in operations {
            let path = try Self.tokens(operation.path)
            switch operation.op {
            case "add":
                document = try Self.set(document, path, try value(operation), inserting: true)
            case "remove":
                document = try Self.remove(document, path).document
            case "replace":
                _ = try Self.get(document, path)
                document = try Self.set(document, path, try value(operation), inserting: false)
            case "move":
                let from = try Self.tokens(operation.from ?? "")
                let removed = try Self.remove(document, from)
                document = try Self.set(removed.document, path, removed.value, inserting: true)
            case "copy":
                let from = try Self.tokens(operation.from ?? "")
                document = try Self.set(document, path, try Self.get(document, from), inserting: true)
            default:
                guard try Self.get(document, path) == value(operation) else {
                    throw Failure("testing value \(operation.path) failed")
                }
            }
        }
        return document
    }

    private func value(_ operation: Operation) throws(Failure) -> JSONValue {
        guard let value = operation.value else { throw Failure("missing value for \(operation.op) at \(operation.path)") }
        return value
    }

    /// The reference tokens of an RFC 6901 pointer (`/options/path`, `~1` for `/`, `~0` for `~`).
    static func tokens(_ pointer: String) throws(Failure) -> [String] {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { throw Failure("invalid pointer \(pointer)") }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func get(_ document: JSONValue, _ path: [String]) throws(Failure) -> JSONValue {
        guard let token = path.first else { return document }
        switch document {
        case .object(let object):
            guard let child = object[token] else { throw Failure("Unable to find \(token)") }
            return try get(child, Array(path.dropFirst()))
        case .array(let array):
            guard let index = Int(token), array.indices.contains(index) else { throw Failure("Unable to access invalid index: \(token)") }
            return try get(array[index], Array(path.dropFirst()))
        default:
            throw Failure("Unable to find \(token)")
        }
    }

    static func set(_ document: JSONValue, _ path: [String], _ value: JSONValue, inserting: Bool) throws(Failure) -> JSONValue {
        guard let token = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch document {
        case .object(var object):
            if rest.isEmpty {
                object[token] = value
            } else {
                guard let child = object[token] else { throw Failure("Unable to find \(token)") }
                object[token] = try set(child, rest, value, inserting: inserting)
            }
            return .object(object)
        case .array(var array):
            if rest.isEmpty && inserting {
                let index = token == "-" ? array.count : Int(token) ?? -1
                guard (0...array.count).contains(index) else { throw Failure("Unable to access invalid index: \(token)") }
                array.insert(value, at: index)
            } else {
                guard let index = Int(token), array.indices.contains(index) else { throw Failure("Unable to access invalid index: \(token)") }
                array[index] = try set(array[index], rest, value, inserting: inserting)
            }
            return .array(array)
        default:
            throw Failure("Unable to find \(token)")
        }
    }

    static func remove(_ document: JSONValue, _ path: [String]) throws(Failure) -> (document: JSONValue, value: JSONValue) {
        guard let token = path.first else { throw Failure("cannot remove the whole document") }
        let rest = Array(path.dropFirst())
        switch document {
        case .object(var object):
            guard let child = object[token] else { throw Failure("Unable to remove nonexistent key: \(token)") }
            if rest.isEmpty {
                object[token] = nil
                return (.object(object), child)
            }
            let removed = try remove(child, rest)
            object[token] = removed.document
            return (.object(object), removed.value)
        case .array(var array):
            guard let index = Int(token), array.indices.contains(index) else { throw Failure("Unable to access invalid index: \(token)") }
            if rest.isEmpty {
                let value = array.remove(at: index)
                return (.array(array), value)
            }
            let removed = try remove(array[index], rest)
            array[index] = removed.document
            return (.array(array), removed.value)
        default:
            throw Failure("Unable to remove nonexistent key: \(token)")
        }
    }
}
