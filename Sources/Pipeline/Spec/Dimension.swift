/// One `groupBy` dimension: a tag, every tag (`*`), or a query's `time(interval[, offset])`.
public enum Dimension: Sendable, Equatable {
    case tag(String)
    case star
    case time(Duration, offset: Duration)

    /// Reads `groupBy` arguments: strings and `*`, plus `time(...)` where `allowTime`.
    static func read(_ arguments: Arguments, allowTime: Bool = false) throws(PipelineError) -> [Dimension] {
        var dimensions: [Dimension] = []
        for (index, value) in arguments.values.enumerated() {
            switch value {
            case .string(let tag): dimensions.append(.tag(tag))
            case .star: dimensions.append(.star)
            case .timeDimension(let interval, let offset) where allowTime: dimensions.append(.time(interval, offset: offset))
            default: throw arguments.mismatch(index, expected: allowTime ? "a string, * or time()" : "a string or *")
            }
        }
        return dimensions
    }

    /// Kapacitor's checks of a dimension list and its exclusions.
    static func validate(_ dimensions: [Dimension], excluded: [String] = []) throws(PipelineError) {
        let hasStar = dimensions.contains(.star)
        if dimensions.contains(.tag("")) { throw PipelineError("dimensions cannot not be the empty string") }
        if hasStar && dimensions.count > 1 { throw PipelineError("cannot group by both '*' and named dimensions.") }
        if !hasStar && !excluded.isEmpty { throw PipelineError("exclude requires '*'") }
    }
}
