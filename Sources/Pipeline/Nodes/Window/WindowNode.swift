/// Caches points over a moving time range (or count) and emits them as a batch.
public struct WindowNode: PipelineNode {
    public var period: Duration = .zero
    public var every: Duration = .zero
    public var align = false
    public var fillPeriod = false
    public var periodCount: Int64 = 0
    public var everyCount: Int64 = 0

    public static let spec = NodeSpec<Self>(
        "window", wants: .stream, provides: .batch, doc: "Windows points into batches.", make: { Self() },
        properties: [
            .duration("period", \.period, doc: "The time range each window covers."),
            .duration("every", \.every, doc: "How often a window is emitted."),
            .flag("align", \.align, doc: "Aligns window edges to `every`."),
            .flag("fillPeriod", \.fillPeriod, doc: "Waits for a full period before the first window."),
            .int("periodCount", \.periodCount, doc: "The number of points each window holds."),
            .int("everyCount", \.everyCount, doc: "Emits a window every this many points."),
        ]
    )

    public func validate() throws(PipelineError) {
        if periodCount != 0 && period != .zero { throw PipelineError("cannot specify both period and periodCount") }
        if periodCount != 0 && align { throw PipelineError("can only align windows based off time, not count") }
        if periodCount != 0 && everyCount <= 0 { throw PipelineError("everyCount must be greater than zero") }
    }
}
