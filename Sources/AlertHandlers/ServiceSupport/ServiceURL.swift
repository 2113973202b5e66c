import Foundation

/// URL building as Kapacitor's services do it with Go's `url.Parse` and `path.Join`.
enum ServiceURL {
    /// `base` with `elements` joined onto its path and the result cleaned (`path.Join`): empty
    /// elements dropped, `//` and `.` collapsed; the query of `base` kept. A relative path after
    /// a host gets its `/`, as Go's `URL.String` writes it.
    static func joiningPath(_ base: String, _ elements: String...) -> String {
        guard var components = URLComponents(string: base) else { return base }
        var path = cleanPath(([components.percentEncodedPath] + elements).filter { !$0.isEmpty })
        if components.host != nil && !path.isEmpty && !path.hasPrefix("/") { path = "/" + path }
        components.percentEncodedPath = path
        return components.string ?? base
    }

    /// Go's `path.Join` of `elements`.
    static func cleanPath(_ elements: [String]) -> String {
        let joined = elements.joined(separator: "/")
        guard !joined.isEmpty else { return "" }
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part != ".." || !joined.hasPrefix("/") {
                parts.append(part)
            }
        }
        let path = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + path : (path.isEmpty ? "." : path)
    }
}
