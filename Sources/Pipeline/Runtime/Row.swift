import Models

/// One series of a result, as InfluxDB and Kapacitor encode it: a name, the group's tags,
/// columns (`time` first, then field and tag names sorted) and rows of values.
public struct Row: Sendable, Equatable {
    /// One cell.
    public enum Value: Sendable, Equatable {
        case time(Timestamp)
        case field(FieldValue)
        case tag(String)
        case null
    }

    public var name: String
    public var tags: Tags
    public var columns: [String]
    public var values: [[Value]]

    /// The row of a point, as Kapacitor's httpOut shows it.
    public init(_ point: PointMessage) {
        name = point.name
        tags = point.tags
        columns = ["time"] + point.fields.map(\.key).sorted()
        values = [[.time(point.time)] + columns.dropFirst().map { key in point.fields[key].map(Value.field) ?? .null }]
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
            output += "{"
            for (index, tag) in tags.enumerated() {
                if index > 0 { output += "," }
                GoJSON.appendString(tag.key, to: &output)
                output += ":"
                GoJSON.appendString(tag.value, to: &output)
            }
            output += "}"
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

/// The rows an httpOut node serves: one per group, in group-creation order.
struct HTTPOutTable: Sendable {
    var groups: [GroupID] = []
    var rows: [Row] = []

    mutating func update(_ group: GroupID, _ row: Row) {
        if let index = groups.firstIndex(of: group) {
            rows[index] = row
        } else {
            groups.append(group)
            rows.append(row)
        }
    }

    mutating func delete(_ group: GroupID) {
        guard let index = groups.firstIndex(of: group) else { return }
        groups.remove(at: index)
        rows.remove(at: index)
    }

    /// `{"series":[...]}`, or `{"series":null}` before the first emission.
    func json() -> String {
        guard !rows.isEmpty else { return "{\"series\":null}" }
        var output = "{\"series\":["
        for (index, row) in rows.enumerated() {
            if index > 0 { output += "," }
            row.appendJSON(to: &output)
        }
        return output + "]}"
    }
}
