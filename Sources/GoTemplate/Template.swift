/// A parsed Go template: parse once with `init(parsing:)`, then `render(_:)` per event.
///
/// Kapacitor's uses map onto the options as follows:
/// - alert `.id()`, `.message()` and handler templates: `escaping: .text`, no extra functions;
/// - alert `.details()`: `escaping: .html, functions: .json` (html/template with `json`, `jsonCompact`);
/// - the `post` handler's `row-template`/body templates: `escaping: .text, functions: .json`.
public struct Template: Sendable {
    /// How printed values are escaped.
    public enum Escaping: Sendable {
        /// `text/template`: values printed as they are.
        case text
        /// `html/template` in HTML text context: printed values are HTML-escaped.
        case html
    }

    /// Extra functions beyond Go's predefined ones.
    public struct Functions: OptionSet, Sendable {
        /// The raw value.
        public let rawValue: Int
        /// Creates a set from its raw value.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Kapacitor's `json` (encoding/json with a trailing newline) and `jsonCompact` (without).
        public static let json = Functions(rawValue: 1)
    }

    /// The template's name, as Go prints it in error messages (`template: NAME:1: …`).
    public let name: String
    /// The escaping applied when values are printed.
    public let escaping: Escaping
    let source: [UInt8]
    let root: [Node]
    let definitions: [String: [Node]]
    /// The output of a template of text only (no action), which needs no data; else nil.
    public let constantText: String?
    /// Whether the template is the one action `{{ json . }}` (Kapacitor's default `.details()`),
    /// whose output a caller that knows its data's Go encoding can write without rendering.
    public let isJSONOfDot: Bool

    /// Parses `text`; throws Go's parse error (e.g. `template: id:1: unexpected "}" in operand`) with
    /// its line and column.
    public init(parsing text: String, name: String = "template", escaping: Escaping = .text,
                functions: Functions = []) throws(TemplateError) {
        self.name = name
        self.escaping = escaping
        source = Array(text.utf8)
        var parser = Parser(source: source, name: name, functions: functions)
        root = try parser.parse()
        definitions = parser.definitions
        var text: String? = ""
        for node in root {
            guard case .text(let part) = node else {
                text = nil
                break
            }
            text? += part
        }
        constantText = text
        isJSONOfDot = if root.count == 1, case .action(let pipeline) = root[0], pipeline.declarations.isEmpty,
            pipeline.commands.count == 1, pipeline.commands[0].args.count == 2,
            case .function(.json, _) = pipeline.commands[0].args[0], case .dot = pipeline.commands[0].args[1] {
            true
        } else {
            false
        }
    }

    /// `text` escaped as html/template escapes a value printed in HTML text (what a template with
    /// `escaping: .html` prints of a string).
    public static func htmlEscaped(_ text: String) -> String {
        var out = ""
        GoTemplate.Escaping.appendHTMLTemplate(text, to: &out)
        return out
    }

    /// Renders the template with `data` as dot (and `$`); throws Go's execution error, e.g.
    /// `template: message:1:5: executing "message" at <eq>: error calling eq: incompatible types for comparison`.
    public func render(_ data: TemplateValue) throws(TemplateError) -> String {
        var evaluator = Evaluator(template: self, data: data)
        try evaluator.run(root, dot: data)
        return evaluator.output
    }
}
