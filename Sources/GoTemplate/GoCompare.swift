/// The comparison rules of Go's `eq`, `ne`, `lt`, `le`, `gt`, `ge` template functions: basic kinds
/// compare only with the same kind (an int never equals a float), `lt` only orders basic kinds.
enum GoCompare {
    private enum BasicKind { case bool, int, float, string }

    private static func kind(_ value: TemplateValue) -> BasicKind? {
        switch value {
        case .bool: .bool
        case .int, .duration: .int
        case .float: .float
        case .string: .string
        default: nil
        }
    }

    private static func integer(_ value: TemplateValue) -> Int64 {
        switch value {
        case .int(let i), .duration(let i): i
        default: 0
        }
    }

    static func equal(_ a: TemplateValue, _ b: TemplateValue) throws(Evaluator.CallError) -> Bool {
        let (ka, kb) = (kind(a), kind(b))
        if case .null = a { return b == .null }
        if case .null = b { return false }
        guard ka == kb else { throw Evaluator.CallError(message: "incompatible types for comparison") }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.map, _), (.list, _), (_, .map), (_, .list):
            throw Evaluator.CallError(message: "non-comparable type \(GoFormat.sprint([b])): \(b.goTypeName)")
        default:
            return ka == .int ? integer(a) == integer(b) : a == b
        }
    }

    static func less(_ a: TemplateValue, _ b: TemplateValue) throws(Evaluator.CallError) -> Bool {
        guard let ka = kind(a), let kb = kind(b), ka != .bool, kb != .bool else {
            throw Evaluator.CallError(message: "invalid type for comparison")
        }
        guard ka == kb else { throw Evaluator.CallError(message: "incompatible types for comparison") }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.float(let x), .float(let y)): return x < y
        default: return integer(a) < integer(b)
        }
    }
}
