import Models

/// The points of one group's time window, stored by column so a buffered point costs a few words:
/// its time, the index of its tag set, and its field values, with each distinct list of field keys
/// stored once and a tag set stored once per run of points that share it. Points whose fields are
/// all floats keep raw doubles. Appending allocates only when a column grows.
struct WindowBuffer {
    private var times: [Timestamp] = []
    /// The tag sets, each differing from the one before.
    private var tagSets: [Tags] = []
    /// Where the storage of the last tag set lies (kept alive by `tagSets`) while there is one.
    private var lastTagsAddress: UnsafeRawPointer?
    /// Per point: the index of its tag set, its field layout, and where its values start in
    /// `floats` or `values` (one array, so appending a point grows two arrays besides the values).
    private var slots: [Slot] = []
    /// The distinct field key lists, and whether each layout's values are all floats.
    private var keyLists: [[String]] = []
    private var allFloat: [Bool] = []
    private var floats: [Double] = []
    private var values: [FieldValue] = []
    /// The oldest point still in the window.
    private var start = 0

    /// How many points the window holds.
    var count: Int { times.count - start }

    mutating func append(time: Timestamp, tags: borrowing Tags, fields: borrowing Fields) {
        if start > 0 && start * 2 >= times.count { compact() }
        let layout = layoutIndex(fields)
        times.append(time)
        // A point sharing the last tag set's storage (the parser's series cache) has its tags,
        // found without comparing them or retaining that storage, which every task shares.
        let address = tags.storage.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        if tagSets.isEmpty || address != lastTagsAddress && tagSets[tagSets.count - 1] != copy tags {
            tagSets.append(copy tags)
            lastTagsAddress = address
        }
        if allFloat[layout] {
            slots.append(Slot(tags: UInt32(tagSets.count - 1), layout: UInt32(layout), offset: UInt32(floats.count)))
            // By index: an iterator would retain the fields' storage, which every task shares.
            for index in 0..<fields.count { if case .float(let value) = fields[index].value { floats.append(value) } }
        } else {
            slots.append(Slot(tags: UInt32(tagSets.count - 1), layout: UInt32(layout), offset: UInt32(values.count)))
            for index in 0..<fields.count { values.append(fields[index].value) }
        }
    }

    /// Drops points before `oldest` (and at it unless `inclusive`), scanning from the oldest.
    mutating func purge(olderThan oldest: Timestamp, inclusive: Bool) {
        while start < times.count {
            if inclusive ? times[start] >= oldest : times[start] > oldest { break }
            start += 1
        }
    }

    /// The buffered points, oldest first.
    func points() -> [BatchPoint] { points(from: start) }

    /// The buffered points from position `first` on.
    func points(from first: Int) -> [BatchPoint] {
        (first..<times.count).map { index in
            let layout = Int(slots[index].layout), offset = Int(slots[index].offset)
            let keys = keyLists[layout]
            var fields: [Field] = []
            fields.reserveCapacity(keys.count)
            for (position, key) in keys.enumerated() {
                fields.append(Field(key, allFloat[layout] ? .float(floats[offset + position]) : values[offset + position]))
            }
            return BatchPoint(time: times[index], fields: Fields(fields), tags: tagSets[Int(slots[index].tags)])
        }
    }

    /// The positions of the buffered points, oldest first.
    var indices: Range<Int> { start..<times.count }

    /// The time of the point at `index`.
    func time(at index: Int) -> Timestamp { times[index] }

    /// The layout of the point at `index`, an index into `positions(of:)`.
    func layout(at index: Int) -> Int { Int(slots[index].layout) }

    /// Per layout, where the field `key` is among its fields (the first one so named, as
    /// `Fields[key]` finds it), or -1 when it has none.
    func positions(of key: String) -> [Int] {
        keyLists.map { $0.firstIndex(of: key) ?? -1 }
    }

    /// The value at `position` of the fields of the point at `index`.
    func value(at index: Int, position: Int) -> FieldValue {
        let layout = Int(slots[index].layout), offset = Int(slots[index].offset)
        return allFloat[layout] ? .float(floats[offset + position]) : values[offset + position]
    }

    /// The layout of `fields`, added when new; the last layout is tried first.
    private mutating func layoutIndex(_ fields: borrowing Fields) -> Int {
        var isFloat = true
        for index in 0..<fields.count {
            guard case .float = fields[index].value else {
                isFloat = false
                break
            }
        }
        if let last = slots.last.map({ Int($0.layout) }), allFloat[last] == isFloat, Self.sameKeys(keyLists[last], fields) {
            return last
        }
        if let found = keyLists.indices.first(where: { allFloat[$0] == isFloat && Self.sameKeys(keyLists[$0], fields) }) {
            return found
        }
        keyLists.append(fields.map(\.key))
        allFloat.append(isFloat)
        return keyLists.count - 1
    }

    @inline(__always)
    private static func sameKeys(_ keys: borrowing [String], _ fields: borrowing Fields) -> Bool {
        guard keys.count == fields.count else { return false }
        for index in 0..<keys.count where keys[index] != fields[index].key { return false }
        return true
    }

    /// Forgets the purged points (once they are half the storage).
    private mutating func compact() {
        let floatBase = (start..<times.count).first { allFloat[Int(slots[$0].layout)] }.map { Int(slots[$0].offset) } ?? floats.count
        let valueBase = (start..<times.count).first { !allFloat[Int(slots[$0].layout)] }.map { Int(slots[$0].offset) } ?? values.count
        let tagBase = start < times.count ? slots[start].tags : UInt32(tagSets.count)
        for index in start..<times.count {
            slots[index].offset -= UInt32(allFloat[Int(slots[index].layout)] ? floatBase : valueBase)
            slots[index].tags -= tagBase
        }
        times.removeFirst(start)
        tagSets.removeFirst(Int(tagBase))
        slots.removeFirst(start)
        floats.removeFirst(floatBase)
        values.removeFirst(valueBase)
        start = 0
    }
}

/// Where a buffered point's tag set, field keys and values are.
private struct Slot {
    var tags: UInt32
    var layout: UInt32
    var offset: UInt32
}
