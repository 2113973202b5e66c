import TICKscript

/// Binary expressions written outside a lambda (`var period = 5m * 2`), evaluated once, with
/// Kapacitor's rule that both operands have the same type.
enum ConstantFolding {
    static func fold(_ left: ScriptValue, _ op: Token.Kind, _ right: ScriptValue, at offset: Int) throws(PipelineError) -> ScriptValue {
        switch (left, right) {
        case let (.int(a), .int(b)):
            if let result = integer(a, op, b) { return result }
            if let result = compare(a, op, b) { return .bool(result) }
        case let (.float(a), .float(b)):
            if let result = float(a, op, b) { return .float(result) }
            if let result = compare(a, op, b) { return .bool(result) }
        case let (.string(a), .string(b)):
            if op == .plus { return .string(a + b) }
            if let result = compare(a, op, b) { return .bool(result) }
        case let (.duration(a), .duration(b)):
            if op == .plus { return .duration(a + b) }
            if op == .minus { return .duration(a - b) }
            if let result = compare(a, op, b) { return .bool(result) }
        case let (.duration(a), .int(b)):
            if op == .multiply { return .duration(a * Int(b)) }
            if op == .divide && b != 0 { return .duration(a / Int(b)) }
        case let (.bool(a), .bool(b)):
            switch op {
            case .and: return .bool(a && b)
            case .or: return .bool(a || b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default: break
            }
        default:
            if left.typeName != right.typeName {
                throw PipelineError(
                    "mismatched type to binary operator. got \(left.typeName) \(op.name) \(right.typeName). see bool(), int(), float(), string(), duration()",
                    at: offset
                )
            }
        }
        throw PipelineError("invalid binary operator \(op.name) for \(left.typeName) values", at: offset)
    }

    static func integer(_ a: Int64, _ op: Token.Kind, _ b: Int64) -> ScriptValue? {
        switch op {
        case .plus: .int(a &+ b)
        case .minus: .int(a &- b)
        case .multiply: .int(a &* b)
        case .divide where b != 0: .int(a / b)
        case .modulo where b != 0: .int(a % b)
        default: nil
        }
    }

    static func float(_ a: Double, _ op: Token.Kind, _ b: Double) -> Double? {
        switch op {
        case .plus: a + b
        case .minus: a - b
        case .multiply: a * b
        case .divide: a / b
        default: nil
        }
    }

    static func compare<T: Comparable>(_ a: T, _ op: Token.Kind, _ b: T) -> Bool? {
        switch op {
        case .less: a < b
        case .lessEqual: a <= b
        case .greater: a > b
        case .greaterEqual: a >= b
        case .equal: a == b
        case .notEqual: a != b
        default: nil
        }
    }
}
