import Hummingbird

/// The query parameters Kapacitor's task and template lists take: `pattern` (a glob on the ID),
/// `fields` (checked against the known ones; `id` and `link` always come back), `offset`, `limit`.
struct ListQuery {
    let pattern: String
    let fields: Set<String>
    let offset: Int
    let limit: Int

    /// Reads and checks the parameters; `defaults` are the fields when none are asked for.
    init(_ request: Request, known: Set<String>, defaults: Set<String>) throws {
        let query = request.uri.queryParameters
        pattern = query["pattern"].map(String.init) ?? ""
        offset = try CondenserAPI.integerParameter(query["offset"], name: "offset", default: 0)
        limit = try CondenserAPI.integerParameter(query["limit"], name: "limit", default: 100)
        let asked = Set(query[values: "fields"].map(String.init).filter { !$0.isEmpty })
        for field in asked where !known.contains(field) { throw APIError(.badRequest, "unsupported field \"\(field)\"") }
        fields = asked.isEmpty ? defaults : asked.union(["id", "link"])
    }

    /// The page of `items` whose ID matches the pattern.
    func page<T>(_ items: [T], id: (T) -> String) -> ArraySlice<T> {
        items.filter { pattern.isEmpty || Glob.matches(pattern, id($0)) }
            .dropFirst(max(offset, 0)).prefix(limit < 0 ? Int.max : limit)
    }
}
