import Models

/// Writes points as InfluxDB line protocol, escaping as the parser expects.
public enum LineProtocolSerializer {
    /// Appends `point` as one line (with its trailing newline) to `output`, its time in `precision`.
    public static func append(_ point: Point, precision: Precision = .nanoseconds, to output: inout [UInt8]) {
        appendEscaped(point.measurement, escapingEquals: false, to: &output)
        for tag in point.tags {
            output.append(UInt8(ascii: ","))
            appendEscaped(tag.key, escapingEquals: true, to: &output)
            output.append(UInt8(ascii: "="))
            appendEscaped(tag.value, escapingEquals: true, to: &output)
        }
        output.append(UInt8(ascii: " "))
        for (index, field) in point.fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendEscaped(field.key, escapingEquals: true, to: &output)
            output.append(UInt8(ascii: "="))
            appendValue(field.value, to: &output)
        }
        output.append(UInt8(ascii: " "))
        appendInteger(point.time / precision.nanoseconds, to: &output)
        output.append(UInt8(ascii: "\n"))
    }

    /// The line protocol of `points`, one line each.
    public static func serialize(_ points: [Point], precision: Precision = .nanoseconds) -> String {
        var output: [UInt8] = []
        for point in points { append(point, precision: precision, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    static func appendEscaped(_ text: String, escapingEquals: Bool, to output: inout [UInt8]) {
        for byte in text.utf8 {
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: " ") || (escapingEquals && byte == UInt8(ascii: "=")) {
                output.append(UInt8(ascii: "\\"))
            }
            output.append(byte)
        }
    }

    static func appendValue(_ value: FieldValue, to output: inout [UInt8]) {
        switch value {
        case .float(let number):
            output.append(contentsOf: number.description.utf8)
        case .int(let number):
            appendInteger(number, to: &output)
            output.append(UInt8(ascii: "i"))
        case .uint(let number):
            output.append(contentsOf: String(number).utf8)
            output.append(UInt8(ascii: "u"))
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .string(let text):
            output.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { output.append(UInt8(ascii: "\\")) }
                output.append(byte)
            }
            output.append(UInt8(ascii: "\""))
        }
    }

    static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        output.append(contentsOf: String(value).utf8)
    }
}
