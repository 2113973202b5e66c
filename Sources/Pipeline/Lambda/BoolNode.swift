/// A compiled boolean sub-expression as a class, so that the evaluation of the conditions
/// `where` and alert levels are made of is one virtual call per node, with no closure
/// reabstraction in between. Subclasses override `evaluate`.
class BoolNode {
    /// The value on a point.
    func evaluate(_ scope: LambdaScope) throws(LambdaError) -> Bool { false }
}

/// Any boolean evaluator compiled as a closure.
final class ClosureBool: BoolNode {
    let body: BoolEvaluator

    init(_ body: @escaping BoolEvaluator) { self.body = body }

    override func evaluate(_ scope: LambdaScope) throws(LambdaError) -> Bool { try body(scope) }
}

/// `left AND right` / `left OR right` of two boolean sub-expressions, short-circuiting.
final class LogicalBool: BoolNode {
    let left: BoolNode
    let right: BoolNode
    /// The left value that decides alone: false for AND, true for OR.
    let decisive: Bool

    init(_ left: BoolNode, _ right: BoolNode, decisive: Bool) {
        self.left = left
        self.right = right
        self.decisive = decisive
    }

    override func evaluate(_ scope: LambdaScope) throws(LambdaError) -> Bool {
        if try left.evaluate(scope) == decisive { return decisive }
        return try right.evaluate(scope)
    }
}

/// `left AND right` / `left OR right` of two field or tag comparisons, the shape most conditions
/// have (`"usage_idle" < 10 AND "host" == 'a'`): one virtual call instead of three.
final class ComparisonPair: BoolNode {
    /// A comparison whose class is known.
    enum Comparison {
        case number(NumberComparison)
        case string(StringComparison)

        init?(_ node: BoolNode) {
            if let number = node as? NumberComparison {
                self = .number(number)
            } else if let string = node as? StringComparison {
                self = .string(string)
            } else {
                return nil
            }
        }

        @inline(__always)
        func evaluate(_ scope: LambdaScope) throws(LambdaError) -> Bool {
            switch self {
            case .number(let number): try number.test(scope)
            case .string(let string): try string.test(scope)
            }
        }
    }

    let left: Comparison
    let right: Comparison
    /// The left value that decides alone: false for AND, true for OR.
    let decisive: Bool

    /// The pair, if both nodes are comparisons it knows.
    init?(_ left: BoolNode, _ right: BoolNode, decisive: Bool) {
        guard let left = Comparison(left), let right = Comparison(right) else { return nil }
        self.left = left
        self.right = right
        self.decisive = decisive
    }

    override func evaluate(_ scope: LambdaScope) throws(LambdaError) -> Bool {
        if try left.evaluate(scope) == decisive { return decisive }
        return try right.evaluate(scope)
    }
}

/// Where a named field or tag was found last: points of one series share their layout, so the
/// next point usually has it at the same index.
struct LookupHint {
    var field = 0
    var tag = 0
}

extension LambdaScope {
    /// The index of field `name`, trying index `hint` first.
    @inline(__always)
    func fieldIndex(_ name: String, hint: Int) -> Int? {
        if hint < fields.count && fields[hint].key == name { return hint }
        return fieldIndex(name)
    }

    /// The index of tag `name`, trying index `hint` first.
    @inline(__always)
    func tagIndex(_ name: String, hint: Int) -> Int? {
        if hint < tags.count && tags[hint].key == name { return hint }
        return tagIndex(name)
    }
}
