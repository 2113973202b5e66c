/// A query's results enter the pipeline here: the daemon's scheduler or a replay feeds each
/// result batch in, and the node passes it on.
extension QueryNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { PassThrough() }
}

extension QueryFluxNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { PassThrough() }
}
