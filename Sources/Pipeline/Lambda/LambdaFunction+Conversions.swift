import GoEncoding
import InfluxQL

extension LambdaFunction {
    static let conversionNames = ["bool", "int", "float", "string", "duration", "humanBytes", "if", "isPresent"]

    private static let scalarTypes: [LambdaType] = [.bool, .string, .int, .float]

    /// Type conversions, `humanBytes`, `if` and `isPresent`, with Kapacitor's signatures (note that
    /// `int` and `float` take no duration, and `duration` of a string needs a unit it ignores).
    static func conversion(_ name: String) -> LambdaFunction? {
        switch name {
        case "bool": LambdaFunction(name: name, signatures: scalarTypes.map { Signature([$0], .bool) }) { args throws(LambdaError) in
            try toBool(args.first)
        }
        case "int": LambdaFunction(name: name, signatures: scalarTypes.map { Signature([$0], .int) }) { args throws(LambdaError) in
            try toInt(args.first)
        }
        case "float": LambdaFunction(name: name, signatures: scalarTypes.map { Signature([$0], .float) }) { args throws(LambdaError) in
            try toFloat(args.first)
        }
        case "string":
            LambdaFunction(name: name, signatures: (scalarTypes + [.duration]).map { Signature([$0], .string) }) { args throws(LambdaError) in
                switch args.first {
                case .int(let v): .string(String(v))
                case .float(let v): .string(GoFormat.fixed(v))
                case .bool(let v): .string(v ? "true" : "false")
                case .duration(let v): .string(InfluxQLSyntax.formatDuration(v))
                default: args.first
                }
            }
        case "duration":
            LambdaFunction(name: name, signatures: [
                Signature([.duration], .duration), Signature([.int, .duration], .duration),
                Signature([.float, .duration], .duration), Signature([.string, .duration], .duration),
            ]) { args throws(LambdaError) in
                switch (args.first, args.second) {
                case (.int(let count), .duration(let unit)): .duration(count &* unit)
                case (.float(let count), .duration(let unit)): .duration(GoFormat.int64(count * Double(unit)))
                case (.string(let text), _):
                    if let parsed = GoFormat.parseInfluxDuration(text) { .duration(parsed) } else {
                        throw LambdaError("invalid duration string \(GoQuote.quote(text))")
                    }
                default: args.first
                }
            }
        case "humanBytes":
            LambdaFunction(name: name, signatures: [Signature([.float], .string), Signature([.int], .string)]) { args throws(LambdaError) in
                let bytes = if case .int(let v) = args.first { UInt64(bitPattern: v) } else { GoFormat.uint64(args.first.floatPayload) }
                return .string(GoFormat.humanBytes(bytes))
            }
        case "if":
            LambdaFunction(name: name, signatures: [LambdaType.float, .int, .string, .bool, .regex, .time, .duration].map {
                Signature([.bool, $0, $0], $0)
            }) { args throws(LambdaError) in
                args.first == .bool(true) ? args.second : args.third
            }
        case "isPresent":
            LambdaFunction(name: name, signatures: ([.missing] + scalarTypes).map { Signature([$0], .bool) }) { args throws(LambdaError) in
                .bool(args.first != .missing)
            }
        default: nil
        }
    }

    private static func toBool(_ value: LambdaValue) throws(LambdaError) -> LambdaValue {
        switch value {
        case .string(let text):
            guard let flag = GoFormat.parseBool(text) else {
                throw LambdaError("strconv.ParseBool: parsing \(GoQuote.quote(text)): invalid syntax")
            }
            return .bool(flag)
        case .int(let v) where v == 0 || v == 1: return .bool(v == 1)
        case .float(let v) where v == 0 || v == 1: return .bool(v == 1)
        case .int(let v): throw LambdaError("cannot convert \(v) to boolean")
        case .float(let v): throw LambdaError("cannot convert \(GoFormat.general(v)) to boolean")
        default: return value
        }
    }

    private static func toInt(_ value: LambdaValue) throws(LambdaError) -> LambdaValue {
        switch value {
        case .float(let v): return .int(GoFormat.int64(v))
        case .bool(let v): return .int(v ? 1 : 0)
        case .string(let text):
            if let parsed = Int64(text) { return .int(parsed) }
            let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
            let reason = !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) ? "value out of range" : "invalid syntax"
            throw LambdaError("strconv.ParseInt: parsing \(GoQuote.quote(text)): \(reason)")
        default: return value
        }
    }

    private static func toFloat(_ value: LambdaValue) throws(LambdaError) -> LambdaValue {
        switch value {
        case .int(let v): return .float(Double(v))
        case .bool(let v): return .float(v ? 1 : 0)
        case .string(let text):
            let lowered = text.lowercased()
            guard !text.isEmpty, !lowered.hasPrefix("nan("), !text.contains(where: \.isWhitespace),
                  let parsed = Double(text) else {
                throw LambdaError("strconv.ParseFloat: parsing \(GoQuote.quote(text)): invalid syntax")
            }
            if parsed.isInfinite, !lowered.contains("inf") {
                throw LambdaError("strconv.ParseFloat: parsing \(GoQuote.quote(text)): value out of range")
            }
            return .float(parsed)
        default: return value
        }
    }
}
