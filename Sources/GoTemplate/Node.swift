/// A byte range in the template source.
struct Span: Equatable, Sendable {
    var start: Int
    var end: Int
}

/// A node of the parsed template tree.
indirect enum Node: Sendable {
    case text(String)
    /// `{{ pipeline }}`: prints the value unless the pipeline declares variables.
    case action(Pipeline)
    case ifNode(Pipeline, [Node], else: [Node]?)
    case with(Pipeline, [Node], else: [Node]?)
    case range(Pipeline, [Node], else: [Node]?)
    /// `{{ template "name" pipeline }}`.
    case template(String, Pipeline?, Span)
    case breakLoop
    case continueLoop
}

/// `$x := cmd | cmd args…`.
struct Pipeline: Sendable {
    var declarations: [String] = []
    var isAssignment = false
    var commands: [Command] = []
    var span: Span
}

/// One stage of a pipeline: a function, field or method with its arguments, or a constant.
struct Command: Sendable {
    var args: [Operand]
    var span: Span
}

/// An argument or the head of a command.
indirect enum Operand: Sendable {
    /// `.A.B` on dot.
    case field([String], Span)
    /// `$x.A.B`.
    case variable(String, [String], Span)
    case dot(Span)
    /// `(pipeline).A.B`.
    case chain(Operand, [String], Span)
    case function(Builtin, Span)
    case constant(TemplateValue, Span)
    case null(Span)
    case pipeline(Pipeline, Span)

    var span: Span {
        switch self {
        case .field(_, let s), .variable(_, _, let s), .dot(let s), .chain(_, _, let s), .function(_, let s),
             .constant(_, let s), .null(let s), .pipeline(_, let s):
            s
        }
    }
}

/// A numeric constant in Go's syntax: decimal, `0x`/`0o`/`0b` integers, `_` separators, floats,
/// exponents. Integers that look like floats (`1.0`, `1e3`) are floats, as Go's templates treat them.
enum NumberLiteral: Equatable {
    case int(Int64)
    case float(Double)

    init?(_ text: String) {
        var body = Substring(text.replacingUnderscores())
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber || first == "." else { return nil }
        let lower = body.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            guard let v = Int64(lower.dropFirst(2), radix: radix) else { return nil }
            self = .int(negative ? -v : v)
            return
        }
        if !lower.contains(where: { $0 == "." || $0 == "e" }) {
            let octal = lower.count > 1 && lower.hasPrefix("0")
            guard let v = Int64(octal ? lower.dropFirst() : Substring(lower), radix: octal ? 8 : 10) else { return nil }
            self = .int(negative ? -v : v)
            return
        }
        guard let v = Double(lower), lower.allSatisfy({ $0.isASCII && ($0.isNumber || ".e+-".contains($0)) }) else {
            return nil
        }
        self = .float(negative ? -v : v)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}
