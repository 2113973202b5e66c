/// Does nothing: the child `stats` and `deadman` give a leaf node so that it keeps running.
public struct NoOpNode: PipelineNode {
    public static let spec = NodeSpec<Self>("noop", chainable: false, follows: [], doc: "Passes nothing on.", make: { Self() })
}

extension NoOpNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { Sink() }
}
