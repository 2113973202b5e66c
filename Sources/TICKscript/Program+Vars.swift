extension Program {
    /// The vars the script declares, as Kapacitor lists a template's: every `var x = value` whose value
    /// is known before the task runs (literals, other vars, arithmetic on them, lambdas, lists of
    /// strings), and every `var x type`, whose value is nil. A var's description is the comment
    /// written above it, lines joined by newlines.
    public func declaredVars() throws(VarError) -> [String: Var] {
        var scope = VarScope()
        var vars: [String: Var] = [:]
        for statement in statements {
            switch statement.kind {
            case let .declaration(name, value):
                guard let constant = scope.evaluate(value) else { continue }
                vars[name] = Var(constant, description: Self.description(statement))
                scope.values[name] = constant
            case let .typeDeclaration(name, typeName):
                let type = try VarType.declared(typeName)
                vars[name] = Var(type: type, description: Self.description(statement))
                scope.values[name] = VarScope.zero(type)
            default:
                continue
            }
        }
        return vars
    }

    /// The program with `vars` in place of the declared values: `var x = 10` given `x: 20` becomes
    /// `var x = 20`, and `var x int` becomes `var x = 20`; vars the script does not declare are
    /// ignored, as in Kapacitor.
    ///
    /// A var whose type differs from its declaration's fails with Kapacitor's `invalid type supplied
    /// for x, got string exp duration`; a `var x type` left without a value fails with
    /// `missing value for var "x".` when `requireValues` (a task), and stays as it is otherwise (a
    /// template).
    public func applying(_ vars: [String: Var], requireValues: Bool = true) throws(VarError) -> Program {
        var scope = VarScope()
        var program = self
        for index in program.statements.indices {
            let statement = program.statements[index]
            switch statement.kind {
            case let .declaration(name, value):
                let declared = scope.evaluate(value)
                guard let supplied = vars[name]?.value else {
                    if let declared { scope.values[name] = declared }
                    continue
                }
                try Self.check(supplied.type, declared: declared?.type, name: name)
                let literal = try VarScope.literal(supplied, name: name, at: value.offset)
                program.statements[index].kind = .declaration(name: name, value: literal)
                scope.values[name] = supplied
            case let .typeDeclaration(name, typeName):
                let type = try VarType.declared(typeName)
                guard let supplied = vars[name]?.value else {
                    if requireValues { throw .invalid("missing value for var \"\(name)\".") }
                    scope.values[name] = VarScope.zero(type)
                    continue
                }
                try Self.check(supplied.type, declared: type, name: name)
                let literal = try VarScope.literal(supplied, name: name, at: statement.offset)
                program.statements[index].kind = .declaration(name: name, value: literal)
                scope.values[name] = supplied
            default:
                continue
            }
        }
        return program
    }

    static func check(_ supplied: VarType, declared: VarType?, name: String) throws(VarError) {
        guard supplied != declared else { return }
        throw .invalid(
            "invalid type supplied for \(name), got \(supplied.valueTypeName) exp \(declared?.valueTypeName ?? "invalid type")")
    }

    static func description(_ statement: Node) -> String {
        statement.comment?.lines.joined(separator: "\n") ?? ""
    }
}

extension VarType {
    /// The type a `var x type` statement names; Kapacitor's `invalid var type "x"` otherwise.
    static func declared(_ name: String) throws(VarError) -> VarType {
        guard let type = VarType(rawValue: name) else { throw .invalid("invalid var type \"\(name)\"") }
        return type
    }
}

extension Parser {
    /// Parses the text of a lambda var's value, an expression without `lambda:`, as Kapacitor's
    /// `ParseLambda` does.
    public static func parseLambda(_ text: String) throws(ParseError) -> Node {
        var parser = Parser(source: SourceText(text))
        let expression = try parser.primaryExpression()
        guard case .eof = parser.peek.kind else { throw parser.unexpected(parser.peek, expected: ["EOF"]) }
        return expression
    }
}
