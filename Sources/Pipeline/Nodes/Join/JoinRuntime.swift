import Models

/// Joins the points (or batches) of several parents by group and rounded time, exactly as
/// Kapacitor's join node: prefixed fields, inner or filled outer join, `.on()` matching of more
/// specific groups with less specific ones, and every buffered set emitted when the input ends.
///
/// Kapacitor's buffers are unbounded; here each group holds at most ``limit`` sets and each
/// `.on()` match buffer at most ``limit`` points, the oldest dropped beyond it and counted in
/// ``dropped``.
final class JoinRuntime: NodeRuntime {
    /// The most sets per group, and points per `.on()` buffer, a join keeps.
    static let limit = 10_000

    let layout: JoinLayout
    let parents: Int
    /// The `.on()` tags, empty when joining on the groups themselves.
    let on: [String]
    let deleteAll: Bool
    let limit: Int
    /// The joined field names of each parent's last field layout.
    let names: JoinedFieldNames
    var groups: [GroupID: JoinGroup] = [:]
    /// The group last collected into: consecutive inputs of one group find it without hashing
    /// the group ID.
    private var lastID = GroupID.none
    private var lastGroup: JoinGroup?
    /// Group IDs in creation order: groups flush in this order when the input ends.
    var order: [GroupID] = []
    /// The oldest rounded time per parent and `.on()` group.
    var lowMarks: [SourceGroup: Timestamp] = [:]
    /// Per `.on()` group: the less specific inputs that specific ones may still match.
    var matchBuffers: [GroupID: [JoinInput]] = [:]
    /// Per `.on()` group: the specific inputs waiting for their match.
    var specificBuffers: [GroupID: [JoinInput]] = [:]
    var reported: Set<Int> = []
    private var droppedInputs = 0

    /// A parent and an `.on()` group.
    struct SourceGroup: Hashable {
        var source: Int
        var group: GroupID
    }

    init(_ node: JoinNode, limit: Int = JoinRuntime.limit) {
        let fill: JoinLayout.Fill = switch node.fill {
        case .string("null"): .null
        case .int(let value): .value(.int(value))
        case .float(let value): .value(.float(value))
        default: .none
        }
        layout = JoinLayout(
            prefixes: node.names, delimiter: node.delimiter, fill: fill, streamName: node.streamName,
            tolerance: node.tolerance.nanosecondsValue
        )
        parents = node.parentCount
        names = JoinedFieldNames(layout, parents: node.parentCount)
        on = node.dimensions
        deleteAll = node.deleteAll
        self.limit = limit
    }

    var cardinality: Int { groups.count }

    /// Sets and `.on()` buffered points dropped because a buffer was full.
    var dropped: Int { droppedInputs + groups.values.reduce(0) { $0 + $1.dropped } }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point): take(JoinInput(source: parent, point: point), output: output)
        case .batch(let batch): take(JoinInput(source: parent, batch: batch), output: output)
        case .barrier(let group, let time):
            self.group(group).barrier(from: parent, at: time) { emit($0, output: output) }
            output.emit(message)
        case .deleteGroup(let group):
            groups[group] = nil
            if group == lastID { lastGroup = nil }
            order.removeAll { $0 == group }
            matchBuffers[group] = nil
            specificBuffers[group] = nil
            if deleteAll {
                lowMarks = [:]
            } else {
                lowMarks[SourceGroup(source: parent, group: group)] = nil
            }
            output.emit(message)
        }
    }

    func finish(output: NodeOutput) {
        for id in order {
            groups[id]?.flush { emit($0, output: output) }
        }
    }

    private func take(_ input: JoinInput, output: NodeOutput) {
        if on.isEmpty {
            collect(input, into: input.group, output: output)
        } else {
            match(input, output: output)
        }
    }

    private func group(_ id: GroupID) -> JoinGroup {
        if let lastGroup, id == lastID { return lastGroup }
        let group: JoinGroup
        if let known = groups[id] {
            group = known
        } else {
            group = JoinGroup(parents: parents, tolerance: layout.tolerance, limit: limit)
            groups[id] = group
            order.append(id)
        }
        lastID = id
        lastGroup = group
        return group
    }

    private func collect(_ input: JoinInput, into id: GroupID, output: NodeOutput) {
        group(id).collect(input) { emit($0, output: output) }
    }

    private func emit(_ set: consuming JoinSet, output: NodeOutput) {
        set.emitJoined(layout, names: names, to: output)
    }

    /// Kapacitor's `matchPoints`: an input grouped by more tags than `.on()` is specific; it
    /// joins with the less specific input of the same rounded time, or goes alone once no
    /// parent can send that time any more.
    private func match(_ input: JoinInput, output: NodeOutput) {
        if reported.count < parents { reported.insert(input.source) }
        let allReported = reported.count == parents
        let time = input.time.rounded(to: layout.tolerance)
        let onDimensions = Dimensions(byName: input.dimensions.byName, tagNames: on)
        let id = onDimensions.groupID(name: input.name, tags: input.groupTags)
        lowMarks[SourceGroup(source: input.source, group: id)] = time

        var lowMark = JoinGroup.zero
        if allReported {
            for source in 0..<parents {
                let mark = lowMarks[SourceGroup(source: source, group: id)] ?? JoinGroup.zero
                if lowMark == JoinGroup.zero || mark < lowMark { lowMark = mark }
            }
            if var buffer = specificBuffers[id] {
                let expired = buffer.prefix { $0.time.rounded(to: layout.tolerance) < lowMark }
                for specific in expired { collect(specific, into: specific.group, output: output) }
                buffer.removeFirst(expired.count)
                specificBuffers[id] = buffer
            }
        }

        if input.dimensions.tagNames.count > on.count {
            var matched = false
            if var matches = matchBuffers[id] {
                var index = 0
                while index < matches.count {
                    let matchTime = matches[index].time.rounded(to: layout.tolerance)
                    if matchTime == time {
                        send(input, with: matches[index], output: output)
                        matched = true
                    }
                    if matchTime >= lowMark { break }
                    index += 1
                }
                if allReported {
                    matches.removeFirst(index)
                    matchBuffers[id] = matches
                }
            }
            if !matched {
                if allReported && time < lowMark {
                    collect(input, into: input.group, output: output)
                } else {
                    append(input, to: &specificBuffers[id, default: []])
                }
            }
        } else {
            append(input, to: &matchBuffers[id, default: []])
            if var buffer = specificBuffers[id] {
                let matching = buffer.prefix { $0.time.rounded(to: layout.tolerance) == time }
                for specific in matching { send(specific, with: input, output: output) }
                buffer.removeFirst(matching.count)
                specificBuffers[id] = buffer
            }
        }
    }

    /// Collects a specific input and its match, moved into the specific input's group.
    private func send(_ specific: JoinInput, with match: JoinInput, output: NodeOutput) {
        let group = group(specific.group)
        group.collect(specific) { emit($0, output: output) }
        group.collect(match.regrouped(like: specific)) { emit($0, output: output) }
    }

    private func append(_ input: JoinInput, to buffer: inout [JoinInput]) {
        if buffer.count >= limit {
            buffer.removeFirst()
            droppedInputs += 1
        }
        buffer.append(input)
    }
}

extension JoinNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { JoinRuntime(self) }
}
