/// The source of a stream task: every point written to the task's dbrps.
public struct StreamNode: PipelineNode {
    public static let spec = NodeSpec<Self>(
        "stream", wants: .none, provides: .stream, chainable: false, follows: [],
        doc: "The points written to the task's databases and retention policies.", make: { Self() }
    )
}

extension StreamNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { PassThrough() }
}
