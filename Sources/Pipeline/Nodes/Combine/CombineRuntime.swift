import Models
import TICKscript

/// Combines the points of one group and rounded time with each other, as Kapacitor's combine
/// node: every combination (in index order) of as many points as there are expressions, the
/// first unused point matching each expression in turn, merged into one point with prefixed
/// fields and non-group tags. A stream group's points are combined when a point of another time
/// arrives (the last time is not combined when the input ends, as in Kapacitor); a batch's at
/// its end. Combinations beyond `.max()` are refused with Kapacitor's error.
final class CombineRuntime: NodeRuntime {
    let expressions: [Node]
    let names: [String]
    let delimiter: String
    let tolerance: Int64
    let max: Int64
    let clock: any WallClock
    var buffers: [GroupID: Buffer] = [:]

    /// A point waiting in a group: its fields, tags and rounded time.
    typealias Item = (fields: Fields, tags: Tags, time: Timestamp)

    /// One group's points of the current time, and its own copies of the expressions.
    final class Buffer {
        var time: Timestamp
        var name: String
        let dimensions: Dimensions
        let lambdas: [Lambda]
        var points: [Item] = []

        init(time: Timestamp, name: String, dimensions: Dimensions, lambdas: [Lambda]) {
            self.time = time
            self.name = name
            self.dimensions = dimensions
            self.lambdas = lambdas
        }
    }

    init(_ node: CombineNode, clock: any WallClock) throws(PipelineError) {
        expressions = node.expressions
        names = node.names
        delimiter = node.delimiter
        tolerance = node.tolerance.nanosecondsValue
        max = node.max
        self.clock = clock
        _ = try lambdas()
    }

    var cardinality: Int { buffers.count }

    /// A fresh copy of the expressions, for a new group.
    private func lambdas() throws(PipelineError) -> [Lambda] {
        var lambdas: [Lambda] = []
        for (index, expression) in expressions.enumerated() {
            do {
                lambdas.append(try Lambda(expression, clock: clock))
            } catch {
                let message = "Failed to compile \(index) expression: \(error.message)"
                throw PipelineError(message, at: error.offset ?? expression.offset)
            }
        }
        return lambdas
    }

    private func buffer(
        _ group: GroupID, time: Timestamp, name: String, dimensions: Dimensions
    ) throws(NodeError) -> Buffer {
        if let buffer = buffers[group] { return buffer }
        let lambdas: [Lambda]
        do {
            lambdas = try self.lambdas()
        } catch {
            throw NodeError(error.message)
        }
        let buffer = Buffer(time: time, name: name, dimensions: dimensions, lambdas: lambdas)
        buffers[group] = buffer
        return buffer
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            let buffer = try buffer(point.group, time: point.time, name: point.name, dimensions: point.dimensions)
            try add((point.fields, point.tags, point.time), to: buffer, output: output)
        case .batch(let batch):
            let buffer = try buffer(batch.group, time: .min, name: batch.name, dimensions: batch.dimensions)
            buffer.name = batch.name
            buffer.time = .min
            var failure: NodeError?
            for point in batch.points {
                do {
                    try add((point.fields, point.tags, point.time), to: buffer, output: output)
                } catch {
                    failure = error
                }
            }
            let points = buffer.points
            buffer.points = []
            try combine(points, in: buffer, output: output)
            if let failure { throw failure }
        case .barrier:
            output.emit(message)
        case .deleteGroup(let group):
            if buffers.removeValue(forKey: group) != nil { output.emit(message) }
        }
    }

    /// Adds a point at its rounded time, combining the points of the previous time first.
    private func add(_ point: Item, to buffer: Buffer, output: NodeOutput) throws(NodeError) {
        let time = point.time.rounded(to: tolerance)
        let point = (fields: point.fields, tags: point.tags, time: time)
        if time == buffer.time {
            buffer.points.append(point)
            return
        }
        let points = buffer.points
        buffer.time = time
        buffer.points = [point]
        try combine(points, in: buffer, output: output)
    }

    private func combine(_ points: [Item], in buffer: Buffer, output: NodeOutput) throws(NodeError) {
        guard !points.isEmpty else { return }
        let matches = buffer.lambdas.map { lambda in
            points.map { (try? lambda.evaluateBool(fields: $0.fields, tags: $0.tags, time: $0.time)) ?? false }
        }
        let dimensions = Set(buffer.dimensions.tagNames)
        let combinations = Combinations(n: points.count, k: expressions.count)
        if let count = combinations.count, count > max {
            throw NodeError(
                "refusing to perform combination as total combinations \(count) exceeds max combinations \(max)"
            )
        }
        combinations.forEach { indices in
            var remaining = indices
            var set: [Int] = []
            for expression in matches.indices {
                guard let position = remaining.firstIndex(where: { matches[expression][$0] }) else { return }
                set.append(remaining.remove(at: position))
            }
            var fields = Fields()
            var tags = Tags()
            for (slot, index) in set.enumerated() {
                let prefix = names[slot] + delimiter
                for field in points[index].fields { fields[prefix + field.key] = field.value }
                for tag in points[index].tags {
                    tags[dimensions.contains(tag.key) ? tag.key : prefix + tag.key] = tag.value
                }
            }
            let time = points[set[0]].time.rounded(to: tolerance)
            let merged = Point(measurement: buffer.name, tags: tags, fields: fields, time: time)
            output.emit(.point(PointMessage(merged, dimensions: buffer.dimensions)))
        }
    }
}

/// The k-element combinations of 0..<n in lexicographic order, as Kapacitor enumerates them.
struct Combinations {
    let n: Int
    let k: Int

    /// n choose k, Kapacitor's way (nil when n < k, Int64.max when it overflows).
    var count: Int64? {
        guard n >= k else { return nil }
        var count: Int64 = 1
        for i in 0..<Int64(k) {
            let (product, overflow) = count.multipliedReportingOverflow(by: Int64(n) - i)
            if overflow { return .max }
            count = product / (i + 1)
        }
        return count
    }

    func forEach(_ body: ([Int]) -> Void) {
        guard n >= k else { return }
        var indices = Array(0..<k)
        body(indices)
        while true {
            guard let i = (0..<k).last(where: { indices[$0] != $0 + n - k }) else { return }
            indices[i] += 1
            for j in (i + 1)..<k { indices[j] = indices[j - 1] + 1 }
            body(indices)
        }
    }
}

extension CombineNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try CombineRuntime(self, clock: context.clock)
    }
}
