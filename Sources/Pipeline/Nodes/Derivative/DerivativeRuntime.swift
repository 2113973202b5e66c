import Models

/// The rate of change of a field between each point and the previous one of its group (within
/// a batch for batches), per `unit`.
final class DerivativeRuntime: NodeRuntime {
    let node: DerivativeNode
    let unit: Double
    var previous: [GroupID: (time: Timestamp, value: Double?)] = [:]

    init(_ node: DerivativeNode) {
        self.node = node
        unit = Double(node.unit.nanosecondsValue)
    }

    var cardinality: Int { previous.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(var point):
            var last = previous[point.group]
            let result = derivative(point.fields, point.time, previous: &last, output: output)
            previous[point.group] = last
            guard let result else { return }
            point.fields[node.name] = .float(result)
            output.emit(.point(point))
        case .batch(var batch):
            var last: (time: Timestamp, value: Double?)?
            var points: [BatchPoint] = []
            for var point in batch.points {
                guard let result = derivative(point.fields, point.time, previous: &last, output: output) else { continue }
                point.fields[node.name] = .float(result)
                points.append(point)
            }
            batch.points = points
            output.emit(.batch(batch))
        case .deleteGroup(let group):
            previous[group] = nil
            output.emit(message)
        case .barrier:
            output.emit(message)
        }
    }

    /// Kapacitor's rules: a non-numeric current value is an error and not stored; a missing
    /// previous value, zero elapsed time or (with nonNegative) a decrease store the point but emit nothing.
    func derivative(
        _ fields: Fields, _ time: Timestamp, previous: inout (time: Timestamp, value: Double?)?, output: NodeOutput
    ) -> Double? {
        guard let current = Self.number(fields[node.field]) else {
            output.report("cannot perform derivative: field is the wrong type")
            return nil
        }
        defer { previous = (time, current) }
        guard let last = previous, let before = last.value else { return nil }
        let elapsed = Double(time - last.time)
        guard elapsed != 0 else {
            output.report("cannot perform derivative: elaspsed time was 0")
            return nil
        }
        let difference = current - before
        if node.nonNegative && difference < 0 { return nil }
        return difference / (elapsed / unit)
    }

    static func number(_ value: FieldValue?) -> Double? {
        switch value {
        case .float(let v): v
        case .int(let v): Double(v)
        default: nil
        }
    }
}

extension DerivativeNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { DerivativeRuntime(self) }
}
