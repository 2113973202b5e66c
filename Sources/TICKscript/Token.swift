/// One lexical token of a TICKscript, with its raw text and where it starts.
public struct Token: Sendable, Equatable {
    /// What a token is.
    public enum Kind: Sendable, Equatable {
        /// A lexing error; the payload is Kapacitor's message (`unterminated string`, ...).
        case error(String)
        case eof, varKeyword, dbrp, assign, dot, pipe, at
        case identifier, reference, lambda, number, string, duration
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case not, trueKeyword, falseKeyword, regex, comment, star
        case plus, minus, multiply, divide, modulo, and, or
        case equal, notEqual, less, greater, lessEqual, greaterEqual, regexEqual, regexNotEqual

        /// The name Kapacitor's messages use for the kind (`identifier`, `EOF`, `)`, ...).
        public var name: String {
            switch self {
            case .error(let message): message
            case .eof: "EOF"
            case .varKeyword: "var"
            case .dbrp: "dbrp"
            case .assign: "="
            case .dot: "."
            case .pipe: "|"
            case .at: "@"
            case .identifier: "identifier"
            case .reference: "reference"
            case .lambda: "lambda"
            case .number: "number"
            case .string: "string"
            case .duration: "duration"
            case .leftParen: "("
            case .rightParen: ")"
            case .leftBracket: "["
            case .rightBracket: "]"
            case .comma: ","
            case .not: "!"
            case .trueKeyword: "TRUE"
            case .falseKeyword: "FALSE"
            case .regex: "regex"
            case .comment: "//"
            case .star, .multiply: "*"
            case .plus: "+"
            case .minus: "-"
            case .divide: "/"
            case .modulo: "%"
            case .and: "AND"
            case .or: "OR"
            case .equal: "=="
            case .notEqual: "!="
            case .less: "<"
            case .greater: ">"
            case .lessEqual: "<="
            case .greaterEqual: ">="
            case .regexEqual: "=~"
            case .regexNotEqual: "!~"
            }
        }

        /// Whether the kind is a binary operator of lambda expressions.
        public var isBinaryOperator: Bool {
            switch self {
            case .plus, .minus, .multiply, .divide, .modulo, .and, .or, .equal, .notEqual, .less, .greater,
                 .lessEqual, .greaterEqual, .regexEqual, .regexNotEqual: true
            default: false
            }
        }

        /// The binding strength of a binary operator (higher binds tighter), as Kapacitor ranks them.
        public var precedence: Int {
            switch self {
            case .or: 0
            case .and: 1
            case .equal, .notEqual, .regexEqual, .regexNotEqual: 2
            case .less, .greater, .lessEqual, .greaterEqual: 3
            case .plus, .minus: 4
            case .multiply, .divide, .modulo: 5
            default: -1
            }
        }
    }

    /// What the token is.
    public var kind: Kind
    /// The token's source text, exactly as written.
    public var text: String
    /// The byte offset of the token's first character in the script.
    public var offset: Int

    /// Creates a token.
    public init(_ kind: Kind, _ text: String, at offset: Int) {
        self.kind = kind
        self.text = text
        self.offset = offset
    }
}
