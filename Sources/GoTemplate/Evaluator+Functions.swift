/// Field and method access, and the predefined functions.
extension Evaluator {
    /// A failure inside a function or method, wrapped by the caller into Go's
    /// `error calling NAME: …` message.
    struct CallError: Error {
        var message: String
    }

    mutating func evalField(_ name: String, receiver: TemplateValue, args: ArraySlice<Operand>,
                            final: TemplateValue?, dot: TemplateValue,
                            span: Span) throws(TemplateError) -> TemplateValue {
        let hasArgs = !args.isEmpty || final != nil
        switch receiver {
        case .null:
            return .null
        case .time, .duration:
            guard GoMethods.has(name, on: receiver) else { break }
            var values: [TemplateValue] = []
            for arg in args { values.append(try evalArg(arg, dot: dot)) }
            if let final { values.append(final) }
            do throws(CallError) {
                return try GoMethods.call(name, on: receiver, args: values)
            } catch {
                throw fail(error.message, at: span)
            }
        case .object(let object):
            guard let value = object[name] else { break }
            if hasArgs { throw fail("\(name) has arguments but cannot be invoked as function", at: span) }
            return value
        case .map(let map):
            if hasArgs { throw fail("\(name) is not a method but has arguments", at: span) }
            return map[name] ?? .null
        default:
            break
        }
        throw fail("can't evaluate field \(name) in type \(receiver.goTypeName)", at: span)
    }

    mutating func call(_ function: Builtin, args: ArraySlice<Operand>, final: TemplateValue?, dot: TemplateValue,
                       span: Span) throws(TemplateError) -> TemplateValue {
        let count = args.count + (final == nil ? 0 : 1)
        if function == .and || function == .or {
            guard count >= 1 else { throw arity(function, want: "at least 1", got: count, span) }
            var value = TemplateValue.null
            for arg in args {
                value = try evalArg(arg, dot: dot)
                if value.isTrue == (function == .or) { return value }
            }
            return final ?? value
        }
        var values: [TemplateValue] = []
        values.reserveCapacity(count)
        for arg in args { values.append(try evalArg(arg, dot: dot)) }
        if let final { values.append(final) }
        switch function {
        case .not, .len, .json, .jsonCompact:
            guard count == 1 else { throw arity(function, want: "1", got: count, span) }
        case .index, .printf, .eq, .ne, .lt, .le, .gt, .ge:
            let least = function == .index || function == .printf || function == .eq ? 1 : 2
            if function == .ne || function == .lt || function == .le || function == .gt || function == .ge {
                guard count == 2 else { throw arity(function, want: "2", got: count, span) }
            }
            guard count >= least else { throw arity(function, want: "at least \(least)", got: count, span) }
        default:
            break
        }
        do throws(CallError) {
            return try apply(function, values)
        } catch {
            throw fail("error calling \(function.rawValue): \(error.message)", at: span)
        }
    }

    private func arity(_ function: Builtin, want: String, got: Int, _ span: Span) -> TemplateError {
        fail("wrong number of args for \(function.rawValue): want \(want) got \(got)", at: span)
    }

    private func apply(_ function: Builtin, _ values: [TemplateValue]) throws(CallError) -> TemplateValue {
        switch function {
        case .and, .or: return values.last ?? .null
        case .not: return .bool(!values[0].isTrue)
        case .len: return .int(Int64(try Evaluator.length(values[0])))
        case .index: return try Evaluator.index(values[0], values.dropFirst())
        case .print: return .string(GoFormat.sprint(values))
        case .println: return .string(GoFormat.sprintln(values))
        case .printf:
            guard case .string(let format) = values[0] else {
                throw CallError(message: "wrong type for value; expected string; got \(values[0].goTypeName)")
            }
            return .string(GoFormat.sprintf(format, values.dropFirst()))
        case .html: return .string(Escaping.html(Evaluator.argsText(values)))
        case .js: return .string(Escaping.js(Evaluator.argsText(values)))
        case .urlquery: return .string(Escaping.urlQuery(Evaluator.argsText(values)))
        case .eq:
            for other in values.dropFirst() where try GoCompare.equal(values[0], other) { return .bool(true) }
            return .bool(false)
        case .ne: return .bool(try !GoCompare.equal(values[0], values[1]))
        case .lt: return .bool(try GoCompare.less(values[0], values[1]))
        case .le, .gt:
            let less = try GoCompare.less(values[0], values[1])
            let lessOrEqual = less ? true : try GoCompare.equal(values[0], values[1])
            return .bool(function == .le ? lessOrEqual : !lessOrEqual)
        case .ge: return .bool(try !GoCompare.less(values[0], values[1]))
        case .json: return .string(GoJSON.encode(values[0]).map { $0 + "\n" } ?? "")
        case .jsonCompact: return .string(GoJSON.encode(values[0]) ?? "")
        }
    }

    /// Go's `evalArgs` for the escaping functions: a lone string as is, otherwise `fmt.Sprint`.
    private static func argsText(_ values: [TemplateValue]) -> String {
        if values.count == 1, case .string(let s) = values[0] { return s }
        return GoFormat.sprint(values)
    }

    private static func length(_ value: TemplateValue) throws(CallError) -> Int {
        switch value {
        case .string(let s): return s.utf8.count
        case .map(let m): return m.count
        case .list(let l): return l.count
        case .null: throw CallError(message: "len of nil pointer")
        default: throw CallError(message: "len of type \(value.goTypeName)")
        }
    }

    private static func index(_ item: TemplateValue,
                              _ keys: ArraySlice<TemplateValue>) throws(CallError) -> TemplateValue {
        var item = item
        for key in keys {
            switch item {
            case .list(let list):
                guard case .int(let i) = key else {
                    throw CallError(message: "cannot index slice/array with type \(key.goTypeName)")
                }
                guard i >= 0 && i < list.count else { throw CallError(message: "index out of range: \(i)") }
                item = list[Int(i)]
            case .string(let s):
                guard case .int(let i) = key else {
                    throw CallError(message: "cannot index slice/array with type \(key.goTypeName)")
                }
                let bytes = Array(s.utf8)
                guard i >= 0 && i < bytes.count else { throw CallError(message: "index out of range: \(i)") }
                item = .int(Int64(bytes[Int(i)]))
            case .map(let map):
                guard case .string(let k) = key else {
                    throw CallError(message: "value has type \(key.goTypeName); should be string")
                }
                item = map[k] ?? map.missingValue
            case .null:
                throw CallError(message: "index of untyped nil")
            default:
                throw CallError(message: "can't index item of type \(item.goTypeName)")
            }
        }
        return item
    }
}
