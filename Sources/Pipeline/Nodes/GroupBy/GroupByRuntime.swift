import Models

/// Regroups points and batches: by the listed tags, or by every tag but the excluded ones. As in
/// Kapacitor, the regrouped batches of one time are held until a batch of another time or a
/// barrier arrives, then emitted with their points in time order.
final class GroupByRuntime: NodeRuntime {
    let tags: [String]
    let all: Bool
    let excluded: Set<String>
    let byName: Bool
    /// Regrouped batches waiting for the next time, in creation order.
    var pending: [Batch] = []
    var pendingIndex: [GroupID: Int] = [:]
    var lastTime: Timestamp?

    init(_ node: GroupByNode) {
        all = node.dimensions.contains(.star)
        excluded = Set(node.excluded)
        tags = node.dimensions.compactMap { if case .tag(let tag) = $0 { tag } else { nil } }.filter { !node.excluded.contains($0) }
        byName = node.byMeasurement
    }

    var cardinality: Int { pending.count }

    func dimensions(for tags: Tags, byName inherited: Bool) -> Dimensions {
        let names = all ? tags.map(\.key).filter { !excluded.contains($0) } : self.tags
        return Dimensions(byName: inherited || byName, tagNames: names)
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(var point):
            point.regroup(dimensions(for: point.tags, byName: point.dimensions.byName))
            output.emit(.point(point))
        case .batch(let batch):
            flush(at: batch.tmax, output: output)
            for point in batch.points {
                let dimensions = dimensions(for: point.tags, byName: batch.dimensions.byName)
                let group = dimensions.groupID(name: batch.name, tags: point.tags)
                if let index = pendingIndex[group] {
                    pending[index].points.append(point)
                } else {
                    pendingIndex[group] = pending.count
                    pending.append(Batch(
                        name: batch.name, group: group, tags: dimensions.groupTags(point.tags), dimensions: dimensions,
                        tmax: batch.tmax, points: [point]
                    ))
                }
            }
        case .barrier(_, let time):
            flush(at: time, output: output)
            output.emit(message)
        case .deleteGroup(let group):
            if let index = pendingIndex.removeValue(forKey: group) {
                pending.remove(at: index)
                pendingIndex = Dictionary(uniqueKeysWithValues: pending.enumerated().map { ($1.group, $0) })
            }
            output.emit(message)
        }
    }

    /// Emits the held batches when `time` differs from the time they were gathered at.
    func flush(at time: Timestamp, output: NodeOutput) {
        guard time != lastTime else { return }
        lastTime = time
        let batches = pending
        pending = []
        pendingIndex = [:]
        for var batch in batches {
            batch.points = Self.sortedByTime(batch.points)
            output.emit(.batch(batch))
        }
    }

    static func sortedByTime(_ points: [BatchPoint]) -> [BatchPoint] {
        points.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }
}

extension GroupByNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { GroupByRuntime(self) }
}
