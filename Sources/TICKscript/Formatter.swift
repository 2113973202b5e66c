/// Prints a program the way Kapacitor's `tickfmt` does: statements separated by a blank line,
/// chains broken onto indented lines (`|node` at +4, `.property` at +8), comments kept.
public enum Formatter {
    static let step = "    "

    /// The canonical text of `program`.
    public static func format(_ program: Program) -> String {
        var output = ""
        for (index, statement) in program.statements.enumerated() {
            if index > 0 { output += "\n" }
            write(statement, indent: "", onNewLine: true, into: &output)
            output += "\n"
        }
        return output
    }

    /// Parses and formats `text`.
    public static func format(_ text: String) throws(ParseError) -> String {
        format(try Parser.parse(text))
    }

    static func write(_ node: Node, indent: String, onNewLine: Bool, into output: inout String) {
        if case let .chain(left, op, right) = node.kind {
            // A chain prints its left side, then its comment and operator on an indented new line.
            write(left, indent: indent, onNewLine: onNewLine, into: &output)
            output += "\n"
            let inner = indent + step + (op == .dot ? step : "")
            if let comment = node.comment { write(comment, indent: inner, onNewLine: true, into: &output) }
            output += inner + op.name
            write(right, indent: inner, onNewLine: false, into: &output)
            return
        }
        var onNewLine = onNewLine
        if let comment = node.comment {
            write(comment, indent: indent, onNewLine: onNewLine, into: &output)
            onNewLine = true
        }
        if case .comment = node.kind { return }
        if onNewLine { output += indent }
        switch node.kind {
        case .comment, .chain:
            return
        case let .declaration(name, value):
            output += "var \(name) = "
            write(value, indent: indent, onNewLine: false, into: &output)
        case let .typeDeclaration(name, type):
            output += "var \(name) \(type)"
        case let .dbrp(database, retentionPolicy):
            output += "dbrp \"\(database)\".\"\(retentionPolicy)\""
        case .number(let number):
            output += format(number)
        case .duration(let literal):
            output += literal
        case .string(let literal):
            output += literal.tripleQuoted ? "'''\(literal.value)'''" : "'\(escape(literal.value, "'"))'"
        case .reference(let name):
            output += "\"\(escape(name, "\""))\""
        case .regex(let literal):
            output += "/\(literal)/"
        case .boolean(let flag):
            output += flag ? "TRUE" : "FALSE"
        case .star:
            output += "*"
        case .identifier(let name):
            output += name
        case .list(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += ", " }
                write(element, indent: indent, onNewLine: onNewLine, into: &output)
            }
            output += "]"
        case .lambda(let expression):
            output += "lambda: "
            write(expression, indent: indent, onNewLine: false, into: &output)
        case let .unary(op, operand):
            output += op.name
            write(operand, indent: indent, onNewLine: false, into: &output)
        case .binary(let binary):
            write(binary, indent: indent, into: &output)
        case .function(let function):
            write(function, indent: indent, into: &output)
        }
    }

    static func write(_ comment: Comment, indent: String, onNewLine: Bool, into output: inout String) {
        if !onNewLine { output += "\n" }
        for line in comment.lines {
            switch line {
            case "\n": output += "\n"
            case "": output += indent + "//\n"
            default: output += indent + "// " + line + "\n"
            }
        }
    }

    static func write(_ binary: Binary, indent: String, into output: inout String) {
        var inner = indent
        if binary.parenthesized {
            output += "("
            inner += step
        }
        write(binary.left, indent: inner, onNewLine: false, into: &output)
        output += " " + binary.op.name + (binary.multiLine ? "\n" : " ")
        write(binary.right, indent: inner, onNewLine: binary.multiLine, into: &output)
        if binary.parenthesized { output += ")" }
    }

    static func write(_ function: Function, indent: String, into output: inout String) {
        output += function.name + "("
        let inner = indent + step
        for (index, argument) in function.arguments.enumerated() {
            if index > 0 { output += function.multiLine ? "," : ", " }
            if function.multiLine { output += "\n" }
            write(argument, indent: inner, onNewLine: function.multiLine, into: &output)
        }
        if function.multiLine && !function.arguments.isEmpty { output += "\n" + indent }
        output += ")"
    }

    static func format(_ number: NumberLiteral) -> String {
        if let integer = number.integer {
            return number.base == 8 ? "0" + String(integer, radix: 8) : String(integer)
        }
        let text = plainDecimal(number.float ?? 0)
        return text.contains(".") ? text : text + ".0"
    }

    /// The shortest decimal that round-trips, written without an exponent (Go's `'f', -1`).
    static func plainDecimal(_ value: Double) -> String {
        let shortest = "\(value.magnitude)"
        guard let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(shortest[shortest.index(after: e)...])
        else { return value < 0 ? "-" + shortest : shortest }
        let parts = shortest[..<e].split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var point = parts[0].count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        }
        if point >= digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var fraction = String(digits.dropFirst(point))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (value < 0 ? "-" : "") + digits.prefix(point) + (fraction.isEmpty ? "" : "." + fraction)
    }

    static func escape(_ text: String, _ quote: Character) -> String {
        guard text.contains(quote) else { return text }
        var output = ""
        for character in text {
            if character == quote { output.append("\\") }
            output.append(character)
        }
        return output
    }
}
