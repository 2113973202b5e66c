import Models

/// A built-in lambda function: the argument types it accepts and what it does.
///
/// The list and the signatures are Kapacitor's (`tick/stateful/functions.go`). Stateful functions
/// (`sigma`, `count`, `spread`) get fresh state for every call site of every compiled lambda, as
/// Kapacitor gives each expression its own function instances.
struct LambdaFunction {
    /// One accepted list of argument types and the result type.
    struct Signature {
        let arguments: [LambdaType]
        let result: LambdaType

        init(_ arguments: [LambdaType], _ result: LambdaType) {
            self.arguments = arguments
            self.result = result
        }

        /// Kapacitor's `Domain.String()`: `(float,int)`.
        var text: String { "(" + arguments.map(\.name).joined(separator: ",") + ")" }
    }

    /// Up to four evaluated arguments, held without an array so a call allocates nothing.
    struct Arguments {
        var count = 0
        var first = LambdaValue.missing, second = LambdaValue.missing
        var third = LambdaValue.missing, fourth = LambdaValue.missing

        subscript(index: Int) -> LambdaValue {
            switch index {
            case 0: first
            case 1: second
            case 2: third
            default: fourth
            }
        }

        mutating func append(_ value: LambdaValue) {
            switch count {
            case 0: first = value
            case 1: second = value
            case 2: third = value
            default: fourth = value
            }
            count += 1
        }
    }

    typealias Body = (borrowing Arguments) throws(LambdaError) -> LambdaValue

    let name: String
    let signatures: [Signature]
    let body: Body
    /// The function's running state, for functions that keep one.
    var state: (any LambdaFunctionState)?

    /// The signature matching the argument types, if any.
    func signature(for arguments: borrowing Arguments) -> Signature? {
        signatureSearch: for signature in signatures where signature.arguments.count == arguments.count {
            for index in 0..<arguments.count where arguments[index].type != signature.arguments[index] {
                continue signatureSearch
            }
            return signature
        }
        return nil
    }

    /// Kapacitor's `FuncDomains(f).String()`: `[(float), (int)]`, in a fixed order.
    var signaturesText: String { "[" + signatures.map(\.text).joined(separator: ", ") + "]" }

    /// Whether some signature takes `count` arguments.
    func accepts(argumentCount count: Int) -> Bool { signatures.contains { $0.arguments.count == count } }

    /// The built-in function `name`, with fresh state; nil when there is none.
    static func builtIn(_ name: String, clock: any WallClock, seed: UInt64?) -> LambdaFunction? {
        math(name) ?? string(name) ?? conversion(name) ?? time(name, clock: clock) ?? stateful(name, seed: seed)
    }

    /// Every built-in function name, as Kapacitor registers them.
    static let names: [String] = mathNames + stringNames + conversionNames + timeNames + statefulNames
}

/// The running state of a stateful function, which `Lambda.reset()` clears.
protocol LambdaFunctionState: AnyObject {
    /// Forgets everything seen.
    func reset()
}
