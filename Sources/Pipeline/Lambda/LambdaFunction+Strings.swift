extension LambdaFunction {
    static let stringNames = [
        "strContains", "strContainsAny", "strCount", "strHasPrefix", "strHasSuffix", "strIndex", "strIndexAny",
        "strLastIndex", "strLastIndexAny", "strLength", "strReplace", "strSubstring", "strToLower", "strToUpper",
        "strTrim", "strTrimLeft", "strTrimPrefix", "strTrimRight", "strTrimSpace", "strTrimSuffix", "regexReplace",
    ]

    /// Go `strings` functions. Like Go they work on UTF-8 bytes: lengths and indexes count bytes.
    static func string(_ name: String) -> LambdaFunction? {
        switch name {
        case "strContains": twoStrings(name, result: .bool) { .bool(GoStrings.index(of: $1, in: $0) != nil) }
        case "strContainsAny": twoStrings(name, result: .bool) { .bool(GoStrings.indexAny(of: $1, in: $0) >= 0) }
        case "strCount": twoStrings(name, result: .int) { .int(GoStrings.count(of: $1, in: $0)) }
        case "strHasPrefix": twoStrings(name, result: .bool) { .bool($0.utf8.starts(with: $1.utf8)) }
        case "strHasSuffix": twoStrings(name, result: .bool) { .bool($0.utf8.reversed().starts(with: $1.utf8.reversed())) }
        case "strIndex": twoStrings(name, result: .int) { .int(Int64(GoStrings.index(of: $1, in: $0) ?? -1)) }
        case "strIndexAny": twoStrings(name, result: .int) { .int(Int64(GoStrings.indexAny(of: $1, in: $0))) }
        case "strLastIndex": twoStrings(name, result: .int) { .int(Int64(GoStrings.lastIndex(of: $1, in: $0))) }
        case "strLastIndexAny": twoStrings(name, result: .int) { .int(Int64(GoStrings.lastIndexAny(of: $1, in: $0))) }
        case "strTrim": twoStrings(name, result: .string) { .string(GoStrings.trim($0, cutset: $1, leading: true, trailing: true)) }
        case "strTrimLeft": twoStrings(name, result: .string) { .string(GoStrings.trim($0, cutset: $1, leading: true, trailing: false)) }
        case "strTrimRight": twoStrings(name, result: .string) { .string(GoStrings.trim($0, cutset: $1, leading: false, trailing: true)) }
        case "strTrimPrefix": twoStrings(name, result: .string) { .string($0.utf8.starts(with: $1.utf8) ? String(decoding: $0.utf8.dropFirst($1.utf8.count), as: UTF8.self) : $0) }
        case "strTrimSuffix": twoStrings(name, result: .string) { .string($0.utf8.reversed().starts(with: $1.utf8.reversed()) ? String(decoding: $0.utf8.dropLast($1.utf8.count), as: UTF8.self) : $0) }
        case "strLength": oneString(name, result: .int) { .int(Int64($0.utf8.count)) }
        case "strToLower": oneString(name, result: .string) { .string(GoStrings.mapCase($0, upper: false)) }
        case "strToUpper": oneString(name, result: .string) { .string(GoStrings.mapCase($0, upper: true)) }
        case "strTrimSpace": oneString(name, result: .string) { .string(GoStrings.trimSpace($0)) }
        case "strReplace":
            LambdaFunction(name: name, signatures: [Signature([.string, .string, .string, .int], .string)]) { args throws(LambdaError) in
                .string(GoStrings.replace(args.first.stringPayload, args.second.stringPayload, args.third.stringPayload,
                                          limit: args.fourth.intPayload))
            }
        case "strSubstring":
            LambdaFunction(name: name, signatures: [Signature([.string, .int, .int], .string)]) { args throws(LambdaError) in
                try substring(args.first.stringPayload, args.second.intPayload, args.third.intPayload)
            }
        case "regexReplace":
            LambdaFunction(name: name, signatures: [Signature([.regex, .string, .string], .string)]) { args throws(LambdaError) in
                guard case .regex(let regex) = args.first else { return .missing }
                return .string(try regex.replaceAll(in: args.second.stringPayload, with: args.third.stringPayload))
            }
        default: nil
        }
    }

    private static func twoStrings(
        _ name: String, result: LambdaType, _ body: @escaping (String, String) -> LambdaValue
    ) -> LambdaFunction {
        LambdaFunction(name: name, signatures: [Signature([.string, .string], result)]) { args throws(LambdaError) in
            body(args.first.stringPayload, args.second.stringPayload)
        }
    }

    private static func oneString(_ name: String, result: LambdaType, _ body: @escaping (String) -> LambdaValue) -> LambdaFunction {
        LambdaFunction(name: name, signatures: [Signature([.string], result)]) { args throws(LambdaError) in
            body(args.first.stringPayload)
        }
    }

    /// `str[start:stop]` on bytes, with Kapacitor's checks (the stop index must be inside the string).
    private static func substring(_ text: String, _ start: Int64, _ stop: Int64) throws(LambdaError) -> LambdaValue {
        if start < 0 { throw LambdaError("found negative index for strSubstring: \(start)") }
        if stop < 0 { throw LambdaError("found negative index for strSubstring: \(stop)") }
        let bytes = text.utf8
        if stop >= Int64(bytes.count) { throw LambdaError("stop index too large for string in strSubstring: \(stop)") }
        if start > stop { throw LambdaError("runtime error: slice bounds out of range [\(start):\(stop)]") }
        return .string(String(decoding: bytes.dropFirst(Int(start)).prefix(Int(stop - start)), as: UTF8.self))
    }
}
