import Models

extension Row {
    /// The row of a point, as Kapacitor's httpOut shows it.
    public init(_ point: PointMessage) {
        self.init(name: point.name, tags: point.tags, fields: point.fields, time: point.time)
    }

    /// The row of a point of measurement `name` at `time`.
    init(name: String, tags: Tags, fields: Fields, time: Timestamp) {
        let columns = ["time"] + fields.map(\.key).sorted()
        self.init(
            name: name, tags: tags, columns: columns,
            values: [[.time(time)] + columns.dropFirst().map { key in fields[key].map(Value.field) ?? .null }])
    }
}

/// What an httpOut node serves: the latest point or batch of each group, in group-creation
/// order; rows are built when the result is read, not for every message.
struct HTTPOutTable: Sendable {
    /// A group's latest data.
    enum Latest: Sendable {
        case point(PointMessage)
        case batch(Batch)

        var row: Row {
            switch self {
            case .point(let point): Row(point)
            case .batch(let batch): Row(batch)
            }
        }
    }

    private var groups: [GroupID] = []
    private var latest: [Latest] = []
    private var positions: [GroupID: Int] = [:]

    mutating func update(_ group: GroupID, _ data: Latest) {
        if let index = positions[group] {
            latest[index] = data
        } else {
            positions[group] = groups.count
            groups.append(group)
            latest.append(data)
        }
    }

    mutating func delete(_ group: GroupID) {
        guard let index = positions.removeValue(forKey: group) else { return }
        groups.remove(at: index)
        latest.remove(at: index)
        for position in index..<groups.count { positions[groups[position]] = position }
    }

    /// `{"series":[...]}`, or `{"series":null}` before the first emission.
    func json() -> String {
        var output = ""
        Row.appendResult(latest.map(\.row), to: &output)
        return output
    }
}
