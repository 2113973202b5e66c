import Models

/// A JSON value written the way Go's `encoding/json` writes Kapacitor's service payloads: struct
/// fields in declaration order (`object`), maps with their keys sorted (`sortedObject`), strings
/// and floats through `GoJSON`.
indirect enum ServiceJSON {
    case string(String)
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case null
    /// Text that already is JSON.
    case raw(String)
    case array([ServiceJSON])
    /// A Go struct: fields in the order given.
    case object([(String, ServiceJSON)])

    /// A Go map: fields in sorted key order.
    static func sortedObject(_ fields: [(String, ServiceJSON)]) -> ServiceJSON {
        .object(fields.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
    }

    /// A Go `[]string`: `null` when empty, as a nil slice encodes.
    static func strings(_ values: [String]) -> ServiceJSON {
        values.isEmpty ? .null : .array(values.map(ServiceJSON.string))
    }

    /// A Go `map[string]string`, keys sorted.
    static func stringMap(_ values: [String: String]) -> ServiceJSON {
        sortedObject(values.map { ($0.key, .string($0.value)) })
    }

    /// Kapacitor's `models.Result` of an event: `{"series":[...]}`, `null` series when empty.
    static func result(_ rows: [Row]) -> ServiceJSON {
        var output = ""
        Row.appendResult(rows, to: &output)
        return .raw(output)
    }

    /// The text `json.Marshal` writes.
    var text: String {
        var output = ""
        append(to: &output)
        return output
    }

    /// The bytes a `json.Encoder` writes: the text and a newline.
    var encoderBytes: [UInt8] { Array((text + "\n").utf8) }

    private func append(to output: inout String) {
        switch self {
        case .string(let value): GoJSON.appendString(value, to: &output)
        case .int(let value): output += String(value)
        case .float(let value): GoJSON.appendFloat(value, to: &output)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .raw(let text): output += text
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.append(to: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { output += "," }
                GoJSON.appendString(key, to: &output)
                output += ":"
                value.append(to: &output)
            }
            output += "}"
        }
    }
}

extension FieldValue {
    /// The value as Go encodes the field's `interface{}`.
    var serviceJSON: ServiceJSON {
        switch self {
        case .float(let value): .float(value)
        case .int(let value): .int(value)
        case .uint(let value): Int64(exactly: value).map(ServiceJSON.int) ?? .float(Double(value))
        case .string(let value): .string(value)
        case .bool(let value): .bool(value)
        }
    }
}
