import TICKscript

/// The evaluated arguments of one call (`|window()`, `.period(10s)`), with typed accessors whose
/// errors point at the argument and name the call.
public struct Arguments: Sendable {
    /// The values in order.
    public let values: [ScriptValue]
    /// Each value's byte offset in the script.
    let offsets: [Int]
    /// The offset of the call itself.
    let offset: Int
    /// The call as messages show it: `window.period()` or `|window()`.
    let callee: String

    /// Creates an argument list (`offsets` parallel to `values`).
    public init(_ values: [ScriptValue], offsets: [Int]? = nil, at offset: Int = 0, callee: String = "") {
        self.values = values
        self.offsets = offsets ?? Array(repeating: offset, count: values.count)
        self.offset = offset
        self.callee = callee
    }

    /// How many arguments there are.
    public var count: Int { values.count }

    /// Fails unless the call has between `range.lowerBound` and `range.upperBound` arguments.
    public func expect(_ range: ClosedRange<Int>) throws(PipelineError) {
        guard !range.contains(values.count) else { return }
        let wanted = switch (range.lowerBound, range.upperBound) {
        case let (low, high) where low == high: "\(low)"
        case let (low, Int.max): "at least \(low)"
        case let (low, high): "\(low) to \(high)"
        }
        let noun = range.upperBound == 1 ? "argument" : "arguments"
        throw PipelineError("\(callee) takes \(wanted) \(noun), got \(values.count)", at: offset)
    }

    /// Fails unless the call has exactly `count` arguments.
    public func expect(_ count: Int) throws(PipelineError) { try expect(count...count) }

    /// The error for argument `index` having the wrong type.
    public func mismatch(_ index: Int, expected: String) -> PipelineError {
        let value = values[index]
        var message = "\(callee) argument \(index + 1) must be \(expected), got \(value.typeName)"
        if case .reference(let name) = value, expected.contains("string") {
            message += " \"\(name)\": did you use double quotes instead of single quotes?"
        }
        return PipelineError(message, at: offsets[index])
    }

    /// An error about argument `index` with a message of the caller's.
    public func error(_ index: Int, _ message: String) -> PipelineError {
        PipelineError("\(callee): \(message)", at: offsets[index])
    }

    /// An error about the call.
    public func error(_ message: String) -> PipelineError {
        PipelineError("\(callee): \(message)", at: offset)
    }

    /// Argument `index` as a string.
    public func string(_ index: Int) throws(PipelineError) -> String {
        guard case .string(let value) = values[index] else { throw mismatch(index, expected: "a string") }
        return value
    }

    /// Argument `index` as an integer.
    public func int(_ index: Int) throws(PipelineError) -> Int64 {
        guard case .int(let value) = values[index] else { throw mismatch(index, expected: "an int") }
        return value
    }

    /// Argument `index` as a float; an integer is promoted.
    public func float(_ index: Int) throws(PipelineError) -> Double {
        switch values[index] {
        case .float(let value): return value
        case .int(let value): return Double(value)
        default: throw mismatch(index, expected: "a float")
        }
    }

    /// Argument `index` as a boolean.
    public func bool(_ index: Int) throws(PipelineError) -> Bool {
        guard case .bool(let value) = values[index] else { throw mismatch(index, expected: "a bool") }
        return value
    }

    /// Argument `index` as a duration.
    public func duration(_ index: Int) throws(PipelineError) -> Duration {
        guard case .duration(let value) = values[index] else { throw mismatch(index, expected: "a duration") }
        return value
    }

    /// Argument `index` as a lambda expression.
    public func lambda(_ index: Int) throws(PipelineError) -> Node {
        guard case .lambda(let value) = values[index] else { throw mismatch(index, expected: "a lambda") }
        return value
    }

    /// Arguments from `start` on, each a string.
    public func strings(from start: Int = 0) throws(PipelineError) -> [String] {
        var result: [String] = []
        for index in values.indices where index >= start { result.append(try string(index)) }
        return result
    }

    /// Arguments from `start` on, each a lambda expression.
    public func lambdas(from start: Int = 0) throws(PipelineError) -> [Node] {
        var result: [Node] = []
        for index in values.indices where index >= start { result.append(try lambda(index)) }
        return result
    }

    /// Argument `index` as a field or tag value: a string, number or boolean.
    public func fieldValue(_ index: Int) throws(PipelineError) -> ScriptValue {
        switch values[index] {
        case .string, .int, .float, .bool: return values[index]
        default: throw mismatch(index, expected: "a float, int, string or bool")
        }
    }
}
