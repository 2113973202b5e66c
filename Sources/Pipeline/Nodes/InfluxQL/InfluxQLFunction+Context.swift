import Models

extension InfluxQLFunction {
    /// A fresh reduce context for fields of `kind`, or nil when Kapacitor does not apply the
    /// function to that type (`mean` of strings, anything of unsigned integers).
    func makeContext(_ kind: FieldKind, shape: ResultShape) -> (any ReduceContext)? {
        func make<R: InfluxQLReducer>(_ reducer: R) -> any ReduceContext { TypedReduceContext(reducer, shape: shape) }
        func numeric<F: InfluxQLReducer, I: InfluxQLReducer>(_ float: @autoclosure () -> F, _ integer: @autoclosure () -> I) -> (any ReduceContext)? {
            switch kind {
            case .float: make(float())
            case .integer: make(integer())
            default: nil
            }
        }
        func any<F: InfluxQLReducer, I: InfluxQLReducer, S: InfluxQLReducer, B: InfluxQLReducer>(
            _ float: @autoclosure () -> F, _ integer: @autoclosure () -> I, _ string: @autoclosure () -> S, _ bool: @autoclosure () -> B
        ) -> (any ReduceContext)? {
            switch kind {
            case .float: make(float())
            case .integer: make(integer())
            case .string: make(string())
            case .boolean: make(bool())
            case .unsigned: nil
            }
        }
        func selector(_ rule: SelectionRule, strings: Bool) -> (any ReduceContext)? {
            switch kind {
            case .float: make(SelectorReducer<Double>(rule))
            case .integer: make(SelectorReducer<Int64>(rule))
            case .string where strings: make(SelectorReducer<String>(rule))
            case .boolean where strings: make(SelectorReducer<Bool>(rule))
            default: nil
            }
        }

        switch self {
        case .count: return any(CountReducer<Double>(), CountReducer<Int64>(), CountReducer<String>(), CountReducer<Bool>())
        case .distinct:
            return any(DistinctReducer<Double>(), DistinctReducer<Int64>(), DistinctReducer<String>(), DistinctReducer<Bool>())
        case .mean: return numeric(MeanReducer<Double>(), MeanReducer<Int64>())
        case .median: return numeric(MedianReducer<Double>(), MedianReducer<Int64>())
        case .mode: return numeric(ModeReducer<Double>(), ModeReducer<Int64>())
        case .spread: return numeric(SpreadReducer<Double>(), SpreadReducer<Int64>())
        case .sum: return numeric(SumReducer<Double>(), SumReducer<Int64>())
        case .first: return selector(.first, strings: true)
        case .last: return selector(.last, strings: true)
        case .min: return selector(.min, strings: false)
        case .max: return selector(.max, strings: false)
        case .percentile(let percentile): return numeric(PercentileReducer<Double>(percentile), PercentileReducer<Int64>(percentile))
        case .top(let count):
            return numeric(TopBottomReducer<Double>(count: count, top: true), TopBottomReducer<Int64>(count: count, top: true))
        case .bottom(let count):
            return numeric(TopBottomReducer<Double>(count: count, top: false), TopBottomReducer<Int64>(count: count, top: false))
        case .stddev: return numeric(StddevReducer<Double>(), StddevReducer<Int64>())
        case .elapsed(let unit):
            return any(
                ElapsedReducer<Double>(unit: unit), ElapsedReducer<Int64>(unit: unit), ElapsedReducer<String>(unit: unit),
                ElapsedReducer<Bool>(unit: unit)
            )
        case .difference: return numeric(DifferenceReducer<Double>(), DifferenceReducer<Int64>())
        case .movingAverage(let window):
            return numeric(MovingAverageReducer<Double>(window: window), MovingAverageReducer<Int64>(window: window))
        case .holtWinters(let horizon, let season, let interval, let withFit):
            return numeric(
                HoltWintersReducer<Double>(horizon: horizon, season: season, interval: interval, withFit: withFit),
                HoltWintersReducer<Int64>(horizon: horizon, season: season, interval: interval, withFit: withFit)
            )
        case .cumulativeSum: return numeric(CumulativeSumReducer<Double>(), CumulativeSumReducer<Int64>())
        }
    }
}
