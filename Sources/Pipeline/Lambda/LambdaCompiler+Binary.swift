import TICKscript

extension LambdaCompiler {
    /// A binary expression. Comparisons and logical operators are always boolean; arithmetic types
    /// follow Kapacitor's table. When both operand types are known before any point (literals,
    /// comparisons), an impossible combination fails here, as Kapacitor fails building the expression.
    mutating func binary(_ binary: Binary, at offset: Int) throws(LambdaError) -> CompiledExpression {
        let left: CompiledExpression, right: CompiledExpression
        do { left = try compile(binary.left) } catch { throw error.prefixed("Failed to handle left node: ") }
        do { right = try compile(binary.right) } catch { throw error.prefixed("Failed to handle right node: ") }
        let op = binary.op
        let text = quoting > 0 ? "\(left.text) \(op.name) \(right.text)" : ""
        if let leftType = left.staticType, let rightType = right.staticType,
           BinaryOperator.resultType(op, leftType, rightType) == nil {
            var error = BinaryOperator.typeError(op, leftType, rightType)
            error.offset = offset
            throw error
        }
        if BinaryOperator.isMath(op) {
            let type = left.staticType.flatMap { l in right.staticType.flatMap { BinaryOperator.resultType(op, l, $0) } }
            return CompiledExpression(.binary(op), type: type, text: text, value: math(op, left, right))
        }
        if BinaryOperator.isLogical(op) {
            if left.staticType == .bool, right.staticType == .bool {
                let decisive = op == .or
                let node = ComparisonPair(left.boolNode, right.boolNode, decisive: decisive)
                    ?? LogicalBool(left.boolNode, right.boolNode, decisive: decisive)
                return CompiledExpression(.binary(op), text: text, node: node)
            }
            return CompiledExpression(.binary(op), text: text, bool: logical(op, left, right))
        }
        let generic = comparison(op, left, right)
        if let fast = LambdaFastPath.comparison(op, left, right, fallback: generic) {
            return CompiledExpression(.binary(op), text: text, node: fast)
        }
        return CompiledExpression(.binary(op), text: text, bool: generic)
    }

    /// Arithmetic: operand values dispatched on their types; a bad pair fails with the message
    /// Kapacitor gives when it types the expression (a missing operand has type `missing`).
    private func math(_ op: Token.Kind, _ left: CompiledExpression, _ right: CompiledExpression) -> ValueEvaluator {
        let (evaluateLeft, evaluateRight) = (left.value, right.value)
        return { scope throws(LambdaError) in
            let l = try evaluateLeft(scope), r = try evaluateRight(scope)
            guard let result = try BinaryOperator.apply(op, l, r) else { throw BinaryOperator.typeError(op, l.type, r.type) }
            return result
        }
    }

    /// A comparison: always a boolean, or an error naming a missing operand or the type mismatch.
    private func comparison(_ op: Token.Kind, _ left: CompiledExpression, _ right: CompiledExpression) -> BoolEvaluator {
        let (evaluateLeft, evaluateRight) = (left.value, right.value)
        let check = OperandCheck(op, left, right)
        return { scope throws(LambdaError) in
            let l = try evaluateLeft(scope), r = try evaluateRight(scope)
            if let result = try BinaryOperator.apply(op, l, r), case .bool(let value) = result { return value }
            throw check.error(l, r)
        }
    }

    /// `AND` / `OR` with an operand whose type depends on the point, short-circuiting. Kapacitor types
    /// both operands before evaluating either then, so a bare reference on the right is read (and
    /// checked) even when the left side decides.
    private func logical(_ op: Token.Kind, _ left: CompiledExpression, _ right: CompiledExpression) -> BoolEvaluator {
        let decisive = op == .or
        let (evaluateLeft, evaluateRight) = (left.value, right.value)
        let eagerRight = right.referenceName != nil
        let check = OperandCheck(op, left, right)
        return { scope throws(LambdaError) in
            let l = try evaluateLeft(scope)
            let early = eagerRight ? try evaluateRight(scope) : nil
            guard case .bool(let leftValue) = l else {
                if let early { throw check.error(l, early) }
                throw check.error(l, try evaluateRight(scope))
            }
            if let early {
                guard case .bool(let rightValue) = early else { throw check.error(l, early) }
                return leftValue == decisive ? decisive : rightValue
            }
            if leftValue == decisive { return decisive }
            let r = try evaluateRight(scope)
            guard case .bool(let rightValue) = r else { throw check.error(l, r) }
            return rightValue
        }
    }
}

/// The error Kapacitor reports when a comparison or logical operator meets operands it cannot take:
/// a missing reference first, then the type mismatch.
struct OperandCheck {
    let op: Token.Kind
    let left: (name: String?, goType: String)
    let right: (name: String?, goType: String)

    init(_ op: Token.Kind, _ left: CompiledExpression, _ right: CompiledExpression) {
        self.op = op
        self.left = (left.referenceName, left.goTypeName)
        self.right = (right.referenceName, right.goTypeName)
    }

    func error(_ l: LambdaValue, _ r: LambdaValue) -> LambdaError {
        if l == .missing { return missing("left", left) }
        if r == .missing { return missing("right", right) }
        return BinaryOperator.typeError(op, l.type, r.type)
    }

    private func missing(_ side: String, _ operand: (name: String?, goType: String)) -> LambdaError {
        guard let name = operand.name else {
            return LambdaError("expected \(side)Evaluator to be *EvalReferenceNode got \(operand.goType)")
        }
        return LambdaError("\(side) reference value \"\(name)\" is missing value")
    }
}
