import Models
import TICKscript

/// stateDuration and stateCount: per group, how long or for how many points a condition has held
/// (-1 when it does not), stored in a field; a batch starts over.
final class StateTrackingRuntime: NodeRuntime {
    /// What is measured while the condition holds.
    enum Measure {
        case duration(unit: Double)
        case count
    }

    struct Tracker {
        var start: Timestamp?
        var count: Int64 = 0

        mutating func track(_ time: Timestamp, holds: Bool, _ measure: Measure) -> FieldValue {
            guard holds else {
                start = nil
                count = 0
                return if case .count = measure { .int(-1) } else { .float(-1) }
            }
            switch measure {
            case .duration(let unit):
                let since = start ?? time
                start = since
                return .float(Double(time - since) / unit)
            case .count:
                count += 1
                return .int(count)
            }
        }
    }

    let lambdas: GroupLambdas
    let name: String
    let measure: Measure
    var trackers: [GroupID: Tracker] = [:]

    init(_ condition: TICKscript.Node, name: String, measure: Measure, context: TaskContext) throws(PipelineError) {
        lambdas = try GroupLambdas(condition, context: context)
        self.name = name
        self.measure = measure
    }

    var cardinality: Int { trackers.count }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(var point):
            let holds: Bool
            do {
                holds = try lambdas.lambda(for: point.group).evaluateBool(fields: point.fields, tags: point.tags, time: point.time)
            } catch {
                throw NodeError("error while evaluating expression: \(error.message)")
            }
            point.fields[name] = trackers[point.group, default: Tracker()].track(point.time, holds: holds, measure)
            output.emit(.point(point))
        case .batch(var batch):
            var tracker = Tracker()
            let lambda = lambdas.lambda(for: batch.group)
            var points: [BatchPoint] = []
            for var point in batch.points {
                do {
                    let holds = try lambda.evaluateBool(fields: point.fields, tags: point.tags, time: point.time)
                    point.fields[name] = tracker.track(point.time, holds: holds, measure)
                    points.append(point)
                } catch {
                    output.report("error while evaluating expression: \(error.message)")
                }
            }
            trackers[batch.group] = tracker
            batch.points = points
            output.emit(.batch(batch))
        case .deleteGroup(let group):
            trackers[group] = nil
            lambdas.remove(group)
            output.emit(message)
        case .barrier:
            output.emit(message)
        }
    }
}

extension StateDurationNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try StateTrackingRuntime(condition, name: name, measure: .duration(unit: Double(unit.nanosecondsValue)), context: context)
    }
}

extension StateCountNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        try StateTrackingRuntime(condition, name: name, measure: .count, context: context)
    }
}
