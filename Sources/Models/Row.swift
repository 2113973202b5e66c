/// One series of a result, as InfluxDB and Kapacitor encode it: a name, the group's tags,
/// columns (`time` first, then field and tag names sorted) and rows of values.
public struct Row: Sendable, Equatable {
    /// One cell.
    public enum Value: Sendable, Equatable {
        /// The `time` column.
        case time(Timestamp)
        /// A field value.
        case field(FieldValue)
        /// A tag value.
        case tag(String)
        /// No value.
        case null
    }

    /// The measurement name.
    public var name: String
    /// The group's tags.
    public var tags: Tags
    /// `time`, then the other columns.
    public var columns: [String]
    /// One array of cells per row.
    public var values: [[Value]]

    /// Creates a series.
    public init(name: String, tags: Tags, columns: [String], values: [[Value]]) {
        self.name = name
        self.tags = tags
        self.columns = columns
        self.values = values
    }

    /// The row of a batch: columns from its first point's fields and the tags not on the batch.
    public init(_ batch: Batch) {
        name = batch.name
        tags = batch.tags
        columns = []
        values = []
        guard let first = batch.points.first else { return }
        let extraTags = first.tags.map(\.key).filter { batch.tags[$0] == nil }
        columns = ["time"] + (first.fields.map(\.key) + extraTags).sorted()
        values = batch.points.map { point in
            [.time(point.time)] + columns.dropFirst().map { key in
                if let value = point.fields[key] { return .field(value) }
                if let tag = point.tags[key] { return .tag(tag) }
                return .null
            }
        }
    }

    /// Appends Kapacitor's `models.Result` of `rows`: `{"series":[...]}`, or `{"series":null}`
    /// when there is none.
    public static func appendResult(_ rows: [Row], to output: inout String) {
        guard !rows.isEmpty else {
            output += "{\"series\":null}"
            return
        }
        output += "{\"series\":["
        for (index, row) in rows.enumerated() {
            if index > 0 { output += "," }
            row.appendJSON(to: &output)
        }
        output += "]}"
    }

    /// Appends the row's JSON, fields as Go's encoder writes them (empty parts omitted).
    public func appendJSON(to output: inout String) {
        output += "{"
        var first = true
        func key(_ name: String) {
            if !first { output += "," }
            first = false
            output += "\"" + name + "\":"
        }
        if !name.isEmpty {
            key("name")
            GoJSON.appendString(name, to: &output)
        }
        if !tags.isEmpty {
            key("tags")
            GoJSON.appendTags(tags, to: &output)
        }
        if !columns.isEmpty {
            key("columns")
            output += "["
            for (index, column) in columns.enumerated() {
                if index > 0 { output += "," }
                GoJSON.appendString(column, to: &output)
            }
            output += "]"
        }
        if !values.isEmpty {
            key("values")
            output += "["
            for (index, row) in values.enumerated() {
                if index > 0 { output += "," }
                output += "["
                for (column, value) in row.enumerated() {
                    if column > 0 { output += "," }
                    switch value {
                    case .time(let time): output += "\"" + time.rfc3339Nano + "\""
                    case .field(let field): GoJSON.appendValue(field, to: &output)
                    case .tag(let tag): GoJSON.appendString(tag, to: &output)
                    case .null: output += "null"
                    }
                }
                output += "]"
            }
            output += "]"
        }
        output += "}"
    }
}
