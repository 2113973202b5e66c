/// What a node wants from its parent or provides to its children: a fixed edge type, or the
/// type its parent provides (Kapacitor's `newXNode(n.Provides())`).
public enum EdgeRule: Sendable, Equatable {
    /// A fixed edge type.
    case fixed(EdgeType)
    /// Whatever the parent provides.
    case input

    /// Stream edges.
    public static let stream = EdgeRule.fixed(.stream)
    /// Batch edges.
    public static let batch = EdgeRule.fixed(.batch)
    /// No edge.
    public static let none = EdgeRule.fixed(.none)

    /// The edge type this rule gives when the parent provides `input`.
    func resolve(_ input: EdgeType) -> EdgeType {
        switch self {
        case .fixed(let type): type
        case .input: input
        }
    }
}
