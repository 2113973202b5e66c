import TICKscript

extension LambdaCompiler {
    /// A built-in function call. Unknown names and argument counts no signature takes fail here;
    /// argument types are checked on each point against Kapacitor's signatures, with its messages.
    mutating func function(_ call: Function, at offset: Int) throws(LambdaError) -> CompiledExpression {
        var arguments: [CompiledExpression] = []
        arguments.reserveCapacity(call.arguments.count)
        quoting += 1
        defer { quoting -= 1 }
        for (index, argument) in call.arguments.enumerated() {
            do { arguments.append(try compile(argument)) } catch { throw error.prefixed("Failed to handle \(index + 1) argument: ") }
        }
        let name = call.name
        let argumentTexts = arguments.map(\.text)
        guard let function = LambdaFunction.builtIn(name, clock: clock, seed: randomSeed) else {
            throw LambdaError("undefined function: \"\(name)\"", offset: offset)
        }
        guard function.accepts(argumentCount: arguments.count) else {
            throw LambdaError("Cannot call function \"\(name)\" with args (\(argumentTexts.joined(separator: ", "))), "
                + "available signatures are \(function.signaturesText).", offset: offset)
        }
        if let state = function.state { states.append(state) }
        let evaluators = arguments.map(\.value)
        let references = references
        let body = function.body
        let value: ValueEvaluator = { scope throws(LambdaError) in
            var values = LambdaFunction.Arguments()
            for index in evaluators.indices {
                do throws(LambdaError) { values.append(try evaluators[index](scope)) } catch {
                    throw error.prefixed("Failed to handle \(index + 1) argument: ")
                }
            }
            guard function.signature(for: values) != nil else {
                throw Self.signatureError(function, values, argumentTexts, references: references.names)
            }
            do throws(LambdaError) { return try body(values) } catch { throw error.prefixed("error calling \"\(name)\": ") }
        }
        return CompiledExpression(.function, type: nil, text: "\(name)(\(argumentTexts.joined(separator: ", ")))", value: value)
    }

    /// Kapacitor's `ErrMissingType` when an argument is a missing reference, else `ErrWrongFuncSignature`.
    private static func signatureError(
        _ function: LambdaFunction, _ values: LambdaFunction.Arguments, _ texts: [String], references: [String]
    ) -> LambdaError {
        let missing = texts.indices.filter { values[$0] == .missing }.map { texts[$0] }
        if !missing.isEmpty {
            var scope = references.map { "\"\($0)\"" }
            for argument in missing {
                if let index = scope.firstIndex(of: argument) { scope.remove(at: index) }
            }
            let subject = missing.count > 1 ? "arguments \(missing.joined(separator: ", ")) are" : "argument \(missing[0]) is"
            return LambdaError("Cannot call function \"\(function.name)\" \(subject) missing, values in scope are [\(scope.joined(separator: ", "))]")
        }
        let provided = texts.indices.map { "\(texts[$0]): \(values[$0].type.name)" }.joined(separator: ",")
        return LambdaError("Cannot call function \"\(function.name)\" with args (\(provided)), available signatures are \(function.signaturesText).")
    }
}
