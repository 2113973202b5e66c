/// Moves the time of points and batches by a fixed duration.
public struct ShiftNode: PipelineNode {
    public var shift: Duration

    public static let spec = NodeSpec<Self>(
        "shift", doc: "Shifts data in time.", signature: "duration",
        create: { arguments throws(PipelineError) in
            try arguments.expect(1)
            return Self(shift: try arguments.duration(0))
        }
    )
}
