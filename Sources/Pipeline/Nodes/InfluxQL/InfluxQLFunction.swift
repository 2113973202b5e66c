import Models

/// One of the 21 functions with its arguments, and what Kapacitor's `ReduceCreater` says of it:
/// which field types it takes, whether it emits on empty batches, selects points or transforms
/// a stream point by point.
enum InfluxQLFunction: Sendable, Equatable {
    case count, distinct, mean, median, mode, spread, sum, first, last, min, max
    case percentile(Double)
    case top(Int), bottom(Int)
    case stddev
    case elapsed(unit: Int64)
    case difference
    case movingAverage(window: Int)
    case holtWinters(horizon: Int, season: Int, interval: Int64, withFit: Bool)
    case cumulativeSum

    /// The function of a node, its arguments checked where Go would panic on them.
    init(_ node: InfluxQLNode) throws(PipelineError) {
        let arguments = node.arguments
        switch (node.method, arguments.first) {
        case ("count", _): self = .count
        case ("distinct", _): self = .distinct
        case ("mean", _): self = .mean
        case ("median", _): self = .median
        case ("mode", _): self = .mode
        case ("spread", _): self = .spread
        case ("sum", _): self = .sum
        case ("first", _): self = .first
        case ("last", _): self = .last
        case ("min", _): self = .min
        case ("max", _): self = .max
        case ("stddev", _): self = .stddev
        case ("difference", _): self = .difference
        case ("cumulativeSum", _): self = .cumulativeSum
        case ("percentile", .float(let percentile)?): self = .percentile(percentile)
        case ("top", .int(let count)?), ("bottom", .int(let count)?):
            guard count > 0, let count = Int(exactly: count) else { throw PipelineError("\(node.method) needs a positive number of points, got \(count)") }
            self = node.method == "top" ? .top(count) : .bottom(count)
        case ("elapsed", .duration(let unit)?):
            guard unit > .zero else { throw PipelineError("elapsed needs a positive unit, got \(unit)") }
            self = .elapsed(unit: unit.nanosecondsValue)
        case ("movingAverage", .int(let window)?):
            guard window > 0, let window = Int(exactly: window) else { throw PipelineError("movingAverage needs a positive window, got \(window)") }
            self = .movingAverage(window: window)
        case ("holtWinters", .int(let horizon)?), ("holtWintersWithFit", .int(let horizon)?):
            guard arguments.count == 3, case .int(let season) = arguments[1], case .duration(let interval) = arguments[2],
                  let horizon = Int(exactly: horizon), let season = Int(exactly: season) else {
                throw PipelineError("\(node.method) takes a field, a horizon, a season and an interval")
            }
            guard interval > .zero else { throw PipelineError("\(node.method) needs a positive interval, got \(interval)") }
            self = .holtWinters(horizon: horizon, season: season, interval: interval.nanosecondsValue, withFit: node.method == "holtWintersWithFit")
        default:
            throw PipelineError("invalid influxql function \(node.method) with arguments \(arguments)")
        }
    }

    /// Kapacitor's method name, in errors (both Holt-Winters variants are `holtWinters`).
    var method: String {
        switch self {
        case .count: "count"
        case .distinct: "distinct"
        case .mean: "mean"
        case .median: "median"
        case .mode: "mode"
        case .spread: "spread"
        case .sum: "sum"
        case .first: "first"
        case .last: "last"
        case .min: "min"
        case .max: "max"
        case .percentile: "percentile"
        case .top: "top"
        case .bottom: "bottom"
        case .stddev: "stddev"
        case .elapsed: "elapsed"
        case .difference: "difference"
        case .movingAverage: "movingAverage"
        case .holtWinters: "holtWinters"
        case .cumulativeSum: "cumulativeSum"
        }
    }

    /// Whether an empty batch still gives a result (`count` 0, `sum` 0).
    var isEmptyOK: Bool { self == .count || self == .sum }

    /// Whether the result is the selected point itself: its tags and all its fields.
    var isSimpleSelector: Bool {
        switch self {
        case .first, .last, .min, .max, .percentile: true
        default: false
        }
    }

    /// Whether the function emits per point, on the edge type it receives.
    var isStreamTransformation: Bool {
        switch self {
        case .elapsed, .difference, .movingAverage, .cumulativeSum: true
        default: false
        }
    }

    /// Whether an aggregate emits a batch rather than a point.
    var providesBatch: Bool {
        switch self {
        case .distinct, .top, .bottom, .holtWinters: true
        default: false
        }
    }

    /// Whether results always take their points' times (Holt-Winters sets `usePointTimes`).
    var forcesPointTimes: Bool { if case .holtWinters = self { true } else { false } }
}
