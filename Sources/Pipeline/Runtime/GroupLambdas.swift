import Models
import TICKscript

/// One compiled lambda per group, as Kapacitor copies a node's expressions for each group so that
/// stateful functions (`sigma`, `count`, `spread`) keep per-group state.
final class GroupLambdas {
    let expression: Node
    let clock: any WallClock
    let randomSeed: UInt64?
    private var byGroup: [GroupID: Lambda] = [:]
    /// The group last asked for and its lambda: consecutive points of one group find it without
    /// hashing the group ID.
    private var lastGroup = GroupID.none
    private var last: Lambda?

    /// Compiles `expression` once to report its errors before the task runs.
    init(_ expression: Node, context: TaskContext) throws(PipelineError) {
        self.expression = expression
        clock = context.clock
        randomSeed = context.randomSeed
        do {
            _ = try Lambda(expression, clock: clock, randomSeed: randomSeed)
        } catch {
            throw PipelineError(error.message, at: error.offset ?? expression.offset)
        }
    }

    /// The group's lambda.
    func lambda(for group: GroupID) -> Lambda {
        if let last, group == lastGroup { return last }
        let lambda: Lambda
        if let known = byGroup[group] {
            lambda = known
        } else {
            // The expression compiled in `init`, so compiling it again cannot fail.
            guard let new = try? Lambda(expression, clock: clock, randomSeed: randomSeed) else { preconditionFailure("lambda compiled once already") }
            byGroup[group] = new
            lambda = new
        }
        lastGroup = group
        last = lambda
        return lambda
    }

    /// Drops a deleted group's state.
    func remove(_ group: GroupID) {
        byGroup[group] = nil
        if group == lastGroup { last = nil }
    }

    var count: Int { byGroup.count }
}

extension FieldValue {
    /// A lambda result as a field value; times, regexes and missing values are not field values.
    init?(_ value: LambdaValue) {
        switch value {
        case .float(let v): self = .float(v)
        case .int(let v): self = .int(v)
        case .string(let v): self = .string(v)
        case .bool(let v): self = .bool(v)
        case .duration(let v): self = .int(v)
        case .regex, .time, .missing: return nil
        }
    }
}

extension ScriptValue {
    /// A literal argument (`.field('x', 0.0)`) as a field value.
    var fieldValue: FieldValue? {
        switch self {
        case .int(let v): .int(v)
        case .float(let v): .float(v)
        case .string(let v): .string(v)
        case .bool(let v): .bool(v)
        default: nil
        }
    }
}
