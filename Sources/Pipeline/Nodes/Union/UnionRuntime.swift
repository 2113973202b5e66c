import Models

/// Merges the data of several parents in time order, as Kapacitor's union node: each parent's
/// points, batches and barriers wait in a queue until every parent has sent something, then
/// everything up to the lowest parent's time goes out; the rest goes when the input ends.
/// Deleted groups pass straight through.
final class UnionRuntime: NodeRuntime {
    /// Go's zero time: a parent that never sent anything.
    static let zero = Timestamp.min

    let rename: String
    /// Per parent, what waits to go out.
    var queues: [[Message]]
    /// Per parent, the time of the last message seen at its head.
    var lowMarks: [Timestamp]

    init(_ node: UnionNode, parents: Int) {
        rename = node.rename
        queues = Array(repeating: [], count: parents)
        lowMarks = Array(repeating: Self.zero, count: parents)
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        guard parent < queues.count else { throw NodeError("union has no parent \(parent)") }
        switch message {
        case .point(var point):
            if !rename.isEmpty {
                point.name = rename
                point.regroup(point.dimensions)
            }
            queues[parent].append(.point(point))
        case .batch(var batch):
            if !rename.isEmpty {
                batch.name = rename
                batch.group = batch.dimensions.groupID(name: rename, tags: batch.tags)
            }
            queues[parent].append(.batch(batch))
        case .barrier:
            queues[parent].append(message)
        case .deleteGroup:
            output.emit(message)
            return
        }
        emitReady(drain: false, output: output)
    }

    func finish(output: NodeOutput) {
        emitReady(drain: true, output: output)
    }

    /// Emits, parent by parent, what is not after the low-water mark, until nothing moves.
    private func emitReady(drain: Bool, output: NodeOutput) {
        var emitted = true
        while emitted {
            emitted = false
            var mark = Self.zero
            var valid = 0
            for index in queues.indices {
                var sourceMark = lowMarks[index]
                if let head = queues[index].first.map(Self.time) {
                    if mark == Self.zero || head < mark { mark = head }
                    sourceMark = head
                }
                lowMarks[index] = sourceMark
                if sourceMark != Self.zero {
                    valid += 1
                    if !drain && (mark == Self.zero || sourceMark < mark) { mark = sourceMark }
                }
            }
            if !drain && valid != queues.count { return }
            for index in queues.indices {
                let ready = queues[index].prefix { Self.time($0) <= mark }
                guard !ready.isEmpty else { continue }
                queues[index].removeFirst(ready.count)
                for message in ready { output.emit(message) }
                emitted = true
            }
        }
    }

    /// A point's time, a batch's tmax, a barrier's time.
    private static func time(_ message: Message) -> Timestamp {
        switch message {
        case .point(let point): point.time
        case .batch(let batch): batch.tmax
        case .barrier(_, let time): time
        case .deleteGroup: zero
        }
    }
}

extension UnionNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        UnionRuntime(self, parents: parentCount)
    }
}
