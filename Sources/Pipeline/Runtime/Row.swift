import Models

extension Row {
    /// The row of a point, as Kapacitor's httpOut shows it.
    public init(_ point: PointMessage) {
        let columns = ["time"] + point.fields.map(\.key).sorted()
        self.init(
            name: point.name, tags: point.tags, columns: columns,
            values: [[.time(point.time)] + columns.dropFirst().map { key in point.fields[key].map(Value.field) ?? .null }])
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
