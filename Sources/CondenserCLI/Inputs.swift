import APIModels
import ArgumentParser
import Client
import Models
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Parses `"db"."rp"` (quotes optional, `\"` escapes allowed) as the kapacitor CLI does.
func parseDBRP(_ text: String) throws -> DBRP {
    guard !text.isEmpty else { throw ValidationError("invalid value \"\(text)\" for flag -dbrp: dbrp cannot be empty") }
    var parts: [String] = [""]
    var quoted = false
    var escaped = false
    for character in text {
        if escaped {
            parts[parts.count - 1].append(character)
            escaped = false
        } else if character == "\\" {
            escaped = true
        } else if character == "\"" {
            quoted.toggle()
        } else if character == "." && !quoted {
            parts.append("")
        } else {
            parts[parts.count - 1].append(character)
        }
    }
    guard parts.count > 1 else {
        throw ValidationError(
            "invalid value \"\(text)\" for flag -dbrp: does not contain a '.', it must be in the form \"dbname\".\"rpname\" where the quotes are optional.")
    }
    guard parts.count == 2, !parts[1].isEmpty else {
        throw ValidationError(
            "invalid value \"\(text)\" for flag -dbrp: dbrp must specify retention policy, do you have a missing or extra '.'?")
    }
    return DBRP(db: parts[0], rp: parts[1])
}

func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw ClientError("failed to open file \(path)") }
    return String(decoding: data, as: UTF8.self)
}

/// A vars file: a JSON object of vars, or `{"vars": {...}}`.
func readVars(_ path: String) throws -> [String: JSONValue] {
    guard let data = FileManager.default.contents(atPath: path) else { throw ClientError("failed to open file \(path)") }
    guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), case .object(let object) = value else {
        throw ClientError("invalid JSON in file \(path)")
    }
    if object.count == 1, case .object(let inner)? = object["vars"] { return inner }
    return object
}

/// A task file of `define -file`: the task's template, dbrps and vars (JSON; Kapacitor also reads YAML).
struct TaskFile: Decodable {
    var id: String?
    var templateID: String?
    var dbrps: [DBRP]?
    var vars: [String: JSONValue]?

    enum CodingKeys: String, CodingKey {
        case id, templateID = "template-id", dbrps, vars
    }
}

func readTaskFile(_ path: String) throws -> TaskFile {
    guard path.hasSuffix(".json") else {
        throw ClientError(path.hasSuffix(".yaml") || path.hasSuffix(".yml")
            ? "YAML task files are not supported, use JSON" : "bad file extension. Must be YAML or JSON")
    }
    guard let data = FileManager.default.contents(atPath: path) else { throw ClientError("failed to open file \(path)") }
    do {
        return try JSONDecoder().decode(TaskFile.self, from: data)
    } catch {
        throw ClientError("failed to unmarshal json task vars file \"\(path)\": \(error)")
    }
}
