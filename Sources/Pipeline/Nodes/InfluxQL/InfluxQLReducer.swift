import Models

/// One of InfluxDB's reducers (`query/functions.go`, `call_iterator.go`): it aggregates points of
/// one field type and emits points of one result type. A reducer lives for one batch, one stream
/// time, or (stream transformations) the group's whole stream.
protocol InfluxQLReducer {
    associatedtype Input: InfluxQLValue
    associatedtype Output: InfluxQLValue
    /// Takes one more point.
    mutating func aggregate(_ sample: Sample<Input>)
    /// Appends the points the reducer emits now to `output`.
    mutating func emit(into output: inout [Sample<Output>])
    /// Whether the reducer reads only its samples' times and values, never their tags and fields
    /// (a window's points are then read without making them).
    static var readsValuesOnly: Bool { get }
}

extension InfluxQLReducer {
    static var readsValuesOnly: Bool { false }
}

/// `count`: the number of points, an int whatever the field type.
struct CountReducer<Input: InfluxQLValue>: InfluxQLReducer {
    static var readsValuesOnly: Bool { true }
    var count: Int64 = 0

    mutating func aggregate(_ sample: Sample<Input>) { count &+= 1 }

    /// Before any point the count is InfluxDB's initial point (time 0), after it has no time.
    mutating func emit(into output: inout [Sample<Int64>]) {
        output.append(Sample(time: count == 0 ? 0 : Sample<Int64>.zeroTime, value: count))
    }
}

/// `sum`: the sum in the field's type. InfluxDB starts from a point at time 0 and keeps its time,
/// so with `usePointTimes` the result is at the epoch.
struct SumReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    static var readsValuesOnly: Bool { true }
    var sum = Input.zero

    mutating func aggregate(_ sample: Sample<Input>) { sum = Input.add(sum, sample.value) }

    mutating func emit(into output: inout [Sample<Input>]) { output.append(Sample(time: 0, value: sum)) }
}

/// `mean`: a float; integers are summed as integers first.
struct MeanReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    static var readsValuesOnly: Bool { true }
    var sum = Input.zero
    var count: UInt32 = 0

    mutating func aggregate(_ sample: Sample<Input>) {
        sum = Input.add(sum, sample.value)
        count &+= 1
    }

    mutating func emit(into output: inout [Sample<Double>]) {
        output.append(Sample(time: Sample<Double>.zeroTime, value: sum.double / Double(count)))
    }
}

/// `spread`: the largest value minus the smallest, in the field's type.
struct SpreadReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    static var readsValuesOnly: Bool { true }
    var minimum = Input.spreadStart.min
    var maximum = Input.spreadStart.max

    mutating func aggregate(_ sample: Sample<Input>) {
        minimum = Input.spreadMin(minimum, sample.value)
        maximum = Input.spreadMax(maximum, sample.value)
    }

    mutating func emit(into output: inout [Sample<Input>]) {
        output.append(Sample(time: Sample<Input>.zeroTime, value: Input.subtract(maximum, minimum)))
    }
}

/// `distinct`: each value once, with the time it was first seen, ordered by time then value.
struct DistinctReducer<Input: InfluxQLValue & Hashable>: InfluxQLReducer {
    static var readsValuesOnly: Bool { true }
    var firstSeen: [Input: Timestamp] = [:]

    mutating func aggregate(_ sample: Sample<Input>) {
        if firstSeen[sample.value] == nil { firstSeen[sample.value] = sample.time }
    }

    mutating func emit(into output: inout [Sample<Input>]) {
        let sorted = firstSeen.sorted { a, b in
            a.value != b.value ? a.value < b.value : Input.goLess(a.key, b.key)
        }
        for (value, time) in sorted { output.append(Sample(time: time, value: value)) }
    }
}
