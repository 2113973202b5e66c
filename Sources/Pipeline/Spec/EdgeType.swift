/// What travels along an edge between two nodes, as Kapacitor names it in errors and stats.
public enum EdgeType: String, Sendable, Equatable {
    /// Nothing: the edge of a node that only sinks data.
    case none = "noedge"
    /// Points, one at a time.
    case stream
    /// Batches of points with a common group and time range.
    case batch
}
