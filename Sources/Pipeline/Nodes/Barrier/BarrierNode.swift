/// Emits barriers for idle groups (or every period) so windows and joins downstream close.
public struct BarrierNode: PipelineNode {
    public var idle: Duration = .zero
    public var period: Duration = .zero
    public var delete = false

    public static let spec = NodeSpec<Self>(
        "barrier", doc: "Emits a barrier when a group has been idle, or periodically.", make: { Self() },
        properties: [
            .duration("idle", \.idle, doc: "Emits a barrier once a group has had no point for this long."),
            .duration("period", \.period, doc: "Emits a barrier for each group every period."),
            .bool("delete", \.delete, doc: "Also deletes the group's state downstream."),
        ]
    )

    public func validate() throws(PipelineError) {
        if idle != .zero && period != .zero { throw PipelineError("cannot specify both idle and period") }
        if period == .zero && idle <= .zero { throw PipelineError("idle must be greater than zero") }
        if period <= .zero && idle == .zero { throw PipelineError("period must be greater than zero") }
    }
}
