/// The source of a batch task: the queries its `query` children run on schedule.
public struct BatchNode: PipelineNode {
    public static let spec = NodeSpec<Self>(
        "batch", wants: .none, provides: .batch, chainable: false, follows: [],
        doc: "The batches produced by the task's queries.", make: { Self() }
    )
}

extension BatchNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { Sink() }
}
