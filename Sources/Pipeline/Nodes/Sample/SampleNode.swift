/// Keeps every Nth point or batch, or one per time interval.
public struct SampleNode: PipelineNode {
    public var count: Int64 = 0
    public var interval: Duration = .zero

    public static let spec = NodeSpec<Self>(
        "sample", doc: "Samples points or batches.", signature: "int|duration",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            switch arguments.values[0] {
            case .int(let count): return Self(count: count)
            case .duration(let interval): return Self(interval: interval)
            default: throw arguments.mismatch(0, expected: "an int or a duration")
            }
        }
    )
}
