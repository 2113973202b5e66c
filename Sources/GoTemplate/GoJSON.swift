import GoEncoding

/// Go's `encoding/json` marshalling of template values, as Kapacitor's `json` function writes it:
/// struct fields in order, map keys sorted, `<>&` escaped, shortest floats, RFC 3339 times,
/// durations as integer nanoseconds.
enum GoJSON {
    /// The compact JSON text, or nil when Go's encoder would fail (NaN or infinite floats).
    static func encode(_ value: TemplateValue) -> String? {
        var out = ""
        return append(value, to: &out) ? out : nil
    }

    private static func append(_ value: TemplateValue, to out: inout String) -> Bool {
        switch value {
        case .string(let s): appendString(s, to: &out)
        case .int(let i): out += String(i)
        case .float(let f):
            guard f.isFinite else { return false }
            out += GoFloat.json(f)
        case .bool(let b): out += b ? "true" : "false"
        case .time(let ns): appendString(GoTime.rfc3339Nano(ns), to: &out)
        case .duration(let ns): out += String(ns)
        case .null: out += "null"
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                guard append(item, to: &out) else { return false }
            }
            out += "]"
        case .map(let map):
            return appendObject(map.keys, map.values, to: &out)
        case .object(let object):
            return appendObject(object.names, object.values, to: &out)
        }
        return true
    }

    private static func appendObject(_ keys: [String], _ values: [TemplateValue], to out: inout String) -> Bool {
        out += "{"
        for i in keys.indices {
            if i > 0 { out += "," }
            appendString(keys[i], to: &out)
            out += ":"
            guard append(values[i], to: &out) else { return false }
        }
        out += "}"
        return true
    }

    private static func appendString(_ s: String, to out: inout String) {
        GoJSONString.append(s, to: &out)
    }
}
