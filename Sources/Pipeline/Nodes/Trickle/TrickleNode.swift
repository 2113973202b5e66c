/// Turns batches back into a stream of points.
public struct TrickleNode: PipelineNode {
    public static let spec = NodeSpec<Self>(
        "trickle", wants: .batch, provides: .stream, doc: "Converts batches into a stream.", make: { Self() }
    )
}
