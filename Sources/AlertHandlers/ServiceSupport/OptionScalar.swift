import Foundation

/// A scalar value of an option map whose Go type is `map[string]interface{}` (BigPanda
/// attributes, ServiceNow additional info): strings are templates, the rest print as Go would.
enum OptionScalar: Decodable {
    case string(String)
    case int(Int64)
    case float(Double)
    case bool(Bool)

    /// Decodes a JSON string, number or boolean; other values fail the options.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .float(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// The value as `json.Marshal` writes it.
    var jsonText: String {
        switch self {
        case .string(let value): ServiceJSON.string(value).text
        case .int(let value): String(value)
        case .float(let value): ServiceJSON.float(value).text
        case .bool(let value): value ? "true" : "false"
        }
    }

    /// The value as `fmt.Sprintf("%v")` writes it; floats as JSON numbers (equal to `%v` for
    /// values between 1e-4 and 1e21).
    var formatted: String {
        switch self {
        case .string(let value): value
        default: jsonText
        }
    }
}

/// Go's `html.UnescapeString` for what Kapacitor's HTML-escaped details contain: the entities
/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric character references.
enum HTMLEntities {
    /// `text` with those entities replaced by their characters; anything else is kept.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            rest = rest[amp...]
            if let semicolon = rest.prefix(12).firstIndex(of: ";"),
               let character = character(rest[rest.index(after: rest.startIndex)..<semicolon]) {
                output.append(character)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output.append("&")
                rest = rest.dropFirst()
            }
        }
        return output + rest
    }

    /// The character of entity `name` (between `&` and `;`).
    private static func character(_ name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let code = digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return code.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}
