import TICKscript

/// Specialised evaluators for the comparisons lambdas are mostly made of: a reference against a
/// number, string or regex literal. They read the field or tag in place and fall back to the general
/// evaluator for anything unusual (missing values, other types), which also produces the errors.
/// They need not look for a name in both fields and tags: ``DuplicateNameCheck`` ran before.
enum LambdaFastPath {
    static func comparison(
        _ op: Token.Kind, _ left: CompiledExpression, _ right: CompiledExpression, fallback: @escaping BoolEvaluator
    ) -> BoolNode? {
        switch (left.shape, right.shape) {
        case (.reference(let name), .literal(let value)) where name != "time":
            return reference(name, op, value, fallback: fallback)
        case (.literal(let value), .reference(let name)) where name != "time":
            guard let flipped = flipped(op) else { return nil }
            return reference(name, flipped, value, fallback: fallback)
        default:
            return nil
        }
    }

    /// The operator that gives the same answer with the operands swapped.
    private static func flipped(_ op: Token.Kind) -> Token.Kind? {
        switch op {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        case .equal, .notEqual: op
        default: nil
        }
    }

    private static func reference(_ name: String, _ op: Token.Kind, _ value: LambdaValue, fallback: @escaping BoolEvaluator) -> BoolNode? {
        switch (op, value) {
        case (.less, _): number(.less, name, value, fallback)
        case (.lessEqual, _): number(.lessEqual, name, value, fallback)
        case (.greater, _): number(.greater, name, value, fallback)
        case (.greaterEqual, _): number(.greaterEqual, name, value, fallback)
        case (.equal, .string(let literal)): StringComparison(name, literal, equal: true, fallback)
        case (.notEqual, .string(let literal)): StringComparison(name, literal, equal: false, fallback)
        case (.equal, _): number(.equal, name, value, fallback)
        case (.notEqual, _): number(.notEqual, name, value, fallback)
        case (.regexEqual, .regex(let regex)): RegexComparison(name, regex, matching: true, fallback)
        case (.regexNotEqual, .regex(let regex)): RegexComparison(name, regex, matching: false, fallback)
        default: nil
        }
    }

    private static func number(
        _ op: NumberComparison.Operator, _ name: String, _ literal: LambdaValue, _ fallback: @escaping BoolEvaluator
    ) -> BoolNode? {
        switch literal {
        case .int(let integer): NumberComparison(op, name, integer: integer, fallback)
        case .float(let float): NumberComparison(op, name, float: float, fallback)
        default: nil
        }
    }
}

/// A numeric field against an int or float literal, with Kapacitor's int/float promotion: an int
/// field against an int literal compares as ints, anything else as floats.
final class NumberComparison: BoolNode {
    /// The comparison.
    enum Operator {
        case less, lessEqual, greater, greaterEqual, equal, notEqual

        @inline(__always)
        func holds<T: Comparable>(_ l: T, _ r: T) -> Bool {
            switch self {
            case .less: l < r
            case .lessEqual: l <= r
            case .greater: l > r
            case .greaterEqual: l >= r
            case .equal: l == r
            case .notEqual: l != r
            }
        }
    }

    let op: Operator
    let name: String
    let integer: Int64?
    let float: Double
    let fallback: BoolEvaluator
    var hint = LookupHint()

    init(_ op: Operator, _ name: String, integer: Int64, _ fallback: @escaping BoolEvaluator) {
        self.op = op
        self.name = name
        self.integer = integer
        float = Double(integer)
        self.fallback = fallback
    }

    init(_ op: Operator, _ name: String, float: Double, _ fallback: @escaping BoolEvaluator) {
        self.op = op
        self.name = name
        integer = nil
        self.float = float
        self.fallback = fallback
    }

    override func evaluate(_ scope: LambdaScope) throws(LambdaError) -> Bool { try test(scope) }

    /// The value on a point, inlined where the caller knows the class.
    @inline(__always)
    func test(_ scope: LambdaScope) throws(LambdaError) -> Bool {
        if let index = scope.fieldIndex(name, hint: hint.field) {
            if index != hint.field { hint.field = index }
            switch scope.fields[index].value {
            case .float(let v):
                return op.holds(v, float)
            case .int(let v):
                if let integer { return op.holds(v, integer) }
                return op.holds(Double(v), float)
            default: break
            }
        }
        return try fallback(scope)
    }
}

/// A string field or tag tested for (in)equality with a string literal, byte-wise as in Go.
final class StringComparison: BoolNode {
    let name: String
    let matches: ByteEquality
    let equal: Bool
    let fallback: BoolEvaluator
    var hint = LookupHint()

    init(_ name: String, _ literal: String, equal: Bool, _ fallback: @escaping BoolEvaluator) {
        self.name = name
        matches = ByteEquality(literal)
        self.equal = equal
        self.fallback = fallback
    }

    override func evaluate(_ scope: LambdaScope) throws(LambdaError) -> Bool { try test(scope) }

    /// The value on a point, inlined where the caller knows the class.
    @inline(__always)
    func test(_ scope: LambdaScope) throws(LambdaError) -> Bool {
        // A tag first, where string comparisons mostly look: a tag is never also a field here.
        if let index = scope.tagIndex(name, hint: hint.tag) {
            if index != hint.tag { hint.tag = index }
            return matches(scope.tags[index].value) == equal
        }
        if let index = scope.fieldIndex(name, hint: hint.field) {
            if index != hint.field { hint.field = index }
            guard case .string(let v) = scope.fields[index].value else { return try fallback(scope) }
            return matches(v) == equal
        }
        return try fallback(scope)
    }
}

/// A string field or tag matched against a regex literal.
final class RegexComparison: BoolNode {
    let name: String
    let regex: LambdaRegex
    let matching: Bool
    let fallback: BoolEvaluator
    var hint = LookupHint()

    init(_ name: String, _ regex: LambdaRegex, matching: Bool, _ fallback: @escaping BoolEvaluator) {
        self.name = name
        self.regex = regex
        self.matching = matching
        self.fallback = fallback
    }

    override func evaluate(_ scope: LambdaScope) throws(LambdaError) -> Bool {
        if let index = scope.fieldIndex(name, hint: hint.field) {
            if index != hint.field { hint.field = index }
            guard case .string(let v) = scope.fields[index].value else { return try fallback(scope) }
            return try regex.matches(v) == matching
        }
        if let index = scope.tagIndex(name, hint: hint.tag) {
            if index != hint.tag { hint.tag = index }
            return try regex.matches(scope.tags[index].value) == matching
        }
        return try fallback(scope)
    }
}

/// Byte-wise string equality with a fixed string, as Go compares strings. Swift's `==` compares
/// canonical equivalents equal, but not across different byte lengths from an ASCII string, so it
/// is exact (and fast) then.
struct ByteEquality {
    let literal: String
    let count: Int
    let ascii: Bool

    init(_ literal: String) {
        self.literal = literal
        count = literal.utf8.count
        ascii = literal.utf8.allSatisfy { $0 < 0x80 }
    }

    @inline(__always)
    func callAsFunction(_ text: String) -> Bool {
        guard text.utf8.count == count else { return false }
        return ascii ? text == literal : text.utf8.elementsEqual(literal.utf8)
    }
}
