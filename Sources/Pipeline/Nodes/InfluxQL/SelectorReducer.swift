import Models

/// Which point a selector keeps.
enum SelectionRule: Sendable { case first, last, min, max }

/// `first`, `last`, `min` and `max`: keeps one point, with its time, tags and fields, using
/// InfluxDB's tie rules (`first`/`last` at equal times keep the larger value; `min`/`max` at equal
/// values keep the older point).
struct SelectorReducer<Input: InfluxQLValue>: InfluxQLReducer {
    let rule: SelectionRule
    var selected: Sample<Input>?

    init(_ rule: SelectionRule) { self.rule = rule }

    mutating func aggregate(_ sample: Sample<Input>) {
        guard let previous = selected else {
            selected = sample
            return
        }
        let replaces = switch rule {
        case .first:
            sample.time < previous.time || (sample.time == previous.time && Input.firstWinsTie(sample.value, previous.value))
        case .last:
            sample.time > previous.time || (sample.time == previous.time && Input.goLess(previous.value, sample.value))
        case .min:
            Input.goLess(sample.value, previous.value) || (sample.value == previous.value && sample.time < previous.time)
        case .max:
            Input.goLess(previous.value, sample.value) || (sample.value == previous.value && sample.time < previous.time)
        }
        if replaces { selected = sample }
    }

    mutating func emit(into output: inout [Sample<Input>]) {
        if let selected { output.append(selected) }
    }
}

/// `percentile`: the point at the nearest rank, with its time, tags and fields.
struct PercentileReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    let percentile: Double
    var samples: [Sample<Input>] = []

    init(_ percentile: Double) { self.percentile = percentile }

    mutating func aggregate(_ sample: Sample<Input>) { samples.append(sample) }

    mutating func emit(into output: inout [Sample<Input>]) {
        let rank = (Double(samples.count) * percentile / 100 + 0.5).rounded(.down) - 1
        guard rank >= 0 && rank < Double(samples.count) else { return }
        samples.sortByValue()
        output.append(samples[Int(rank)])
    }
}

extension Array {
    /// Sorts samples by value, keeping the arrival order of equal values.
    mutating func sortByValue<Value: InfluxQLValue>() where Element == Sample<Value> {
        let order = indices.sorted { a, b in
            if Value.goLess(self[a].value, self[b].value) { return true }
            if Value.goLess(self[b].value, self[a].value) { return false }
            return a < b
        }
        self = order.map { self[$0] }
    }
}
