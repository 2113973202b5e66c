/// A source emitting, every interval, the statistics of the node it watches.
public struct StatsNode: PipelineNode {
    public var interval: Duration
    public var align = false
    /// The index of the node whose statistics it emits.
    public var watched = 0

    public static let spec = NodeSpec<Self>(
        "stats", wants: .stream, provides: .stream, doc: "Emits a node's statistics periodically.",
        signature: "duration",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            return Self(interval: try arguments.duration(0))
        },
        properties: [.flag("align", \.align, doc: "Aligns emission times to the interval.")]
    )

    public func validate() throws(PipelineError) {
        if interval == .zero { throw PipelineError("zero is an invalid stats interval") }
    }
}

extension StatsNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime {
        guard interval > .zero else { throw PipelineError("stats node must have positive interval") }
        return StatsRuntime(self, now: context.clock.now())
    }
}
