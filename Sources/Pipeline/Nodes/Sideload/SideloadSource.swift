/// A loaded sideload source: the values of its files, by file path relative to the source and key.
public protocol SideloadSource: Sendable {
    /// The value of `key` in the first file of `paths` that has it.
    func lookup(_ paths: [String], key: String) -> SideloadValue?
}

/// Opens the sources `sideload` nodes name; sources of the same directory or URL are shared by tasks.
public protocol SideloadSources: Sendable {
    /// The source at `url` — `file:///abs/dir`, or an `http(s)` URL answering a JSON object of
    /// paths to values, fetched with `endpoint`'s basic auth and headers when a `[[httppost]]`
    /// endpoint was named — loaded on first use.
    func source(_ url: String, endpoint: HTTPPostEndpoint?) throws(PipelineError) -> any SideloadSource
}

/// A value read from a sideload file. Numbers are doubles, as Kapacitor decodes them.
public enum SideloadValue: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    /// A list or a map, which no field or tag can take; the Go type name Kapacitor would report.
    case other(String)
}
