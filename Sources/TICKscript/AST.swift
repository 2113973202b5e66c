/// A node of a parsed TICKscript: where it starts, the comment written before it, and what it is.
public struct Node: Sendable, Equatable {
    /// The byte offset Kapacitor reports for the node (the operator for chains and binary
    /// expressions, the keyword for statements, the name for functions).
    public var offset: Int
    /// The comment lines written just before the node, if any.
    public var comment: Comment?
    /// What the node is.
    public var kind: Kind

    /// Creates a node.
    public init(_ kind: Kind, at offset: Int, comment: Comment? = nil) {
        self.kind = kind
        self.offset = offset
        self.comment = comment
    }

    /// What a node is.
    public indirect enum Kind: Sendable, Equatable {
        /// `var name = value`.
        case declaration(name: String, value: Node)
        /// `var name type`, a template variable without a value.
        case typeDeclaration(name: String, type: String)
        /// `dbrp "db"."rp"`.
        case dbrp(database: String, retentionPolicy: String)
        /// A comment standing on its own (after the last statement).
        case comment
        case number(NumberLiteral)
        /// A duration literal as written (`10s`).
        case duration(String)
        case string(StringLiteral)
        /// A field or tag reference, unescaped (`"usage_idle"`).
        case reference(String)
        /// A regex literal: the text between the slashes, escapes kept.
        case regex(String)
        case boolean(Bool)
        case star
        case identifier(String)
        case list([Node])
        case lambda(Node)
        case unary(op: Token.Kind, operand: Node)
        case binary(Binary)
        case function(Function)
        /// `left | right()`, `left.right()` or `left @right()`.
        case chain(left: Node, op: Token.Kind, right: Node)
    }
}

/// Comment lines, without their `//` and first space; a `"\n"` entry stands for a blank line
/// between two groups.
public struct Comment: Sendable, Equatable {
    /// The lines.
    public var lines: [String]

    /// Creates a comment.
    public init(lines: [String]) { self.lines = lines }
}

/// A number literal: an integer (decimal, or octal when written with a leading 0) or a float.
public struct NumberLiteral: Sendable, Equatable {
    /// The value when the literal is an integer.
    public var integer: Int64?
    /// The value when the literal is a float.
    public var float: Double?
    /// 8 for integers written with a leading zero, else 10.
    public var base: Int

    /// Creates a literal.
    public init(integer: Int64? = nil, float: Double? = nil, base: Int = 10) {
        self.integer = integer
        self.float = float
        self.base = base
    }
}

/// A string literal and how it was quoted.
public struct StringLiteral: Sendable, Equatable {
    /// The value, unescaped.
    public var value: String
    /// Whether it was written `'''…'''`.
    public var tripleQuoted: Bool

    /// Creates a literal.
    public init(_ value: String, tripleQuoted: Bool = false) {
        self.value = value
        self.tripleQuoted = tripleQuoted
    }
}

/// A binary lambda expression.
public struct Binary: Sendable, Equatable {
    public var left: Node
    public var op: Token.Kind
    public var right: Node
    /// Whether the source put parentheses around it.
    public var parenthesized: Bool
    /// Whether the source had a line break between the operands.
    public var multiLine: Bool

    /// Creates an expression.
    public init(left: Node, op: Token.Kind, right: Node, parenthesized: Bool = false, multiLine: Bool = false) {
        self.left = left
        self.op = op
        self.right = right
        self.parenthesized = parenthesized
        self.multiLine = multiLine
    }
}

/// A call: a node (`|window()`), a property (`.period(10s)`), a UDF (`@udf()`) or a global or
/// lambda function (`stream()`, `sigma("x")`).
public struct Function: Sendable, Equatable {
    /// The function's name.
    public var name: String
    /// The arguments.
    public var arguments: [Node]
    /// Whether the source had a line break between the name and the last argument.
    public var multiLine: Bool

    /// Creates a call.
    public init(name: String, arguments: [Node], multiLine: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.multiLine = multiLine
    }
}

/// A parsed script: its statements in order.
public struct Program: Sendable, Equatable {
    /// The statements.
    public var statements: [Node]

    /// Creates a program.
    public init(statements: [Node]) { self.statements = statements }
}
