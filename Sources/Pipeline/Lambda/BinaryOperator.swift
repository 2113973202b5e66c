import TICKscript

/// Kapacitor's binary operators over lambda values: which type pairs each accepts (its
/// `evaluationFuncs` table), what they return, and its error messages for the rest.
enum BinaryOperator {
    static func isMath(_ op: Token.Kind) -> Bool { [.plus, .minus, .multiply, .divide, .modulo].contains(op) }
    static func isLogical(_ op: Token.Kind) -> Bool { op == .and || op == .or }

    /// Kapacitor's operator class name for messages.
    static func kind(_ op: Token.Kind) -> String { isMath(op) ? "math" : isLogical(op) ? "logical" : "comparison" }

    /// The result type of `left op right`, nil when Kapacitor has no such operation.
    static func resultType(_ op: Token.Kind, _ left: LambdaType, _ right: LambdaType) -> LambdaType? {
        switch (op, left, right) {
        case (.and, .bool, .bool), (.or, .bool, .bool): .bool
        case (.equal, .bool, .bool), (.notEqual, .bool, .bool): .bool
        case (.equal, .string, .string), (.notEqual, .string, .string): .bool
        case (.less, _, _), (.lessEqual, _, _), (.greater, _, _), (.greaterEqual, _, _), (.equal, _, _), (.notEqual, _, _):
            switch (left, right) {
            case (.int, .int), (.int, .float), (.float, .int), (.float, .float), (.string, .string), (.duration, .duration): .bool
            default: nil
            }
        case (.regexEqual, .string, .regex), (.regexNotEqual, .string, .regex): .bool
        case (.plus, .string, .string): .string
        case (.plus, .float, .float), (.minus, .float, .float), (.multiply, .float, .float), (.divide, .float, .float): .float
        case (.plus, .int, .int), (.minus, .int, .int), (.multiply, .int, .int), (.divide, .int, .int), (.modulo, .int, .int): .int
        case (.plus, .duration, .duration), (.minus, .duration, .duration): .duration
        case (.multiply, .duration, .int), (.multiply, .int, .duration), (.multiply, .duration, .float),
             (.multiply, .float, .duration), (.divide, .duration, .int), (.divide, .duration, .float): .duration
        case (.divide, .duration, .duration): .int
        default: nil
        }
    }

    /// Whether any operation takes `type` on either side with `op` (Kapacitor's `typeToBinaryOperators`).
    private static func accepts(_ type: LambdaType, _ op: Token.Kind) -> Bool {
        switch type {
        case .bool: [.and, .or, .equal, .notEqual].contains(op)
        case .int: op != .and && op != .or && op != .regexEqual && op != .regexNotEqual
        case .float, .duration: op != .and && op != .or && op != .regexEqual && op != .regexNotEqual && op != .modulo
        case .string: op != .and && op != .or && op != .minus && op != .multiply && op != .divide && op != .modulo
        case .regex: op == .regexEqual || op == .regexNotEqual
        case .time, .missing: false
        }
    }

    /// Kapacitor's `determineError` once the missing-reference checks passed: an operator the left type
    /// never takes, else a mismatch.
    static func typeError(_ op: Token.Kind, _ left: LambdaType, _ right: LambdaType) -> LambdaError {
        if !accepts(left, op) {
            return LambdaError("invalid \(kind(op)) operator \(op.name) for type \(left.name)")
        }
        return LambdaError("mismatched type to binary operator. got \(left.name) \(op.name) \(right.name). see bool(), int(), float(), string(), duration()")
    }

    /// Applies `op`; nil when Kapacitor has no operation for the operand types.
    static func apply(_ op: Token.Kind, _ left: LambdaValue, _ right: LambdaValue) throws(LambdaError) -> LambdaValue? {
        switch (left, right) {
        case (.float(let l), .float(let r)): return float(op, l, r)
        case (.int(let l), .int(let r)): return try int(op, l, r)
        case (.int(let l), .float(let r)): return compare(op, Double(l), r).map(LambdaValue.bool)
        case (.float(let l), .int(let r)): return compare(op, l, Double(r)).map(LambdaValue.bool)
        case (.string(let l), .string(let r)):
            if op == .plus { return .string(l + r) }
            return compare(op, GoStrings.compare(l, r), 0).map(LambdaValue.bool)
        case (.bool(let l), .bool(let r)):
            return op == .equal ? .bool(l == r) : op == .notEqual ? .bool(l != r) : nil
        case (.string(let l), .regex(let r)):
            return op == .regexEqual ? .bool(try r.matches(l)) : op == .regexNotEqual ? .bool(!(try r.matches(l))) : nil
        case (.duration(let l), .duration(let r)):
            switch op {
            case .plus: return .duration(l &+ r)
            case .minus: return .duration(l &- r)
            case .divide: return .int(try divide(l, r))
            default: return compare(op, l, r).map(LambdaValue.bool)
            }
        case (.duration(let l), .int(let r)):
            return op == .multiply ? .duration(l &* r) : op == .divide ? .duration(try divide(l, r)) : nil
        case (.int(let l), .duration(let r)):
            return op == .multiply ? .duration(l &* r) : nil
        case (.duration(let l), .float(let r)):
            return op == .multiply ? .duration(GoFormat.int64(Double(l) * r))
                : op == .divide ? .duration(GoFormat.int64(Double(l) / r)) : nil
        case (.float(let l), .duration(let r)):
            return op == .multiply ? .duration(GoFormat.int64(l * Double(r))) : nil
        default:
            return nil
        }
    }

    private static func float(_ op: Token.Kind, _ l: Double, _ r: Double) -> LambdaValue? {
        switch op {
        case .plus: .float(l + r)
        case .minus: .float(l - r)
        case .multiply: .float(l * r)
        case .divide: .float(l / r)
        default: compare(op, l, r).map(LambdaValue.bool)
        }
    }

    private static func int(_ op: Token.Kind, _ l: Int64, _ r: Int64) throws(LambdaError) -> LambdaValue? {
        switch op {
        case .plus: return .int(l &+ r)
        case .minus: return .int(l &- r)
        case .multiply: return .int(l &* r)
        case .divide: return .int(try divide(l, r))
        case .modulo:
            if r == 0 { throw divideByZero }
            return .int(l.remainderReportingOverflow(dividingBy: r).partialValue)
        default: return compare(op, l, r).map(LambdaValue.bool)
        }
    }

    /// Go's integer division: a zero divisor panics, `min / -1` wraps to `min`.
    private static func divide(_ l: Int64, _ r: Int64) throws(LambdaError) -> Int64 {
        if r == 0 { throw divideByZero }
        return l.dividedReportingOverflow(by: r).partialValue
    }

    /// The panic Go raises, which Kapacitor recovers into this error.
    private static let divideByZero = LambdaError("runtime error: integer divide by zero")

    /// A comparison operator applied to two values; nil for other operators.
    @inline(__always)
    static func compare<T: Comparable>(_ op: Token.Kind, _ l: T, _ r: T) -> Bool? {
        switch op {
        case .less: l < r
        case .lessEqual: l <= r
        case .greater: l > r
        case .greaterEqual: l >= r
        case .equal: l == r
        case .notEqual: l != r
        default: nil
        }
    }
}
