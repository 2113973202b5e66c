/// The functions a template may call: Go's predefined template functions plus Kapacitor's
/// `json` and `jsonCompact` where Kapacitor registers them.
enum Builtin: String {
    case and, or, not, len, index, print, printf, println, html, js, urlquery
    case eq, ne, lt, le, gt, ge
    case json, jsonCompact

    /// Whether templates parsed with `functions` may call this function.
    func isAvailable(with functions: Template.Functions) -> Bool {
        switch self {
        case .json, .jsonCompact: functions.contains(.json)
        default: true
        }
    }
}
