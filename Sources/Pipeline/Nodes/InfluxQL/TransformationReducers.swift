import Models

/// `elapsed`: the time since the previous point, in `unit`s (an int). Emitted again unchanged when
/// a point could not be aggregated, as InfluxDB does.
struct ElapsedReducer<Input: InfluxQLValue>: InfluxQLReducer {
    let unit: Int64
    var previous: Timestamp?
    var current: Timestamp?

    init(unit: Int64) { self.unit = unit }

    mutating func aggregate(_ sample: Sample<Input>) {
        previous = current
        current = sample.time
    }

    mutating func emit(into output: inout [Sample<Int64>]) {
        guard let previous, let current else { return }
        output.append(Sample(time: current, value: (current &- previous).dividedReportingOverflow(by: unit).partialValue))
    }
}

/// `difference`: the value minus the previous point's, once per pair; a point at the same time
/// as the current one is skipped.
struct DifferenceReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    var previous: Sample<Input>?
    var current: Sample<Input>?

    mutating func aggregate(_ sample: Sample<Input>) {
        if let current, current.time == sample.time { return }
        previous = current
        current = Sample(time: sample.time, value: sample.value)
    }

    mutating func emit(into output: inout [Sample<Input>]) {
        guard let before = previous, let current else { return }
        previous = nil
        output.append(Sample(time: current.time, value: Input.subtract(current.value, before.value)))
    }
}

/// `movingAverage`: the mean of the last `window` values, once `window` values have arrived.
struct MovingAverageReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    let window: Int
    var buffer: [Input] = []
    var position = 0
    var sum = Input.zero
    var time: Timestamp = 0

    init(window: Int) {
        self.window = window
        buffer.reserveCapacity(window)
    }

    mutating func aggregate(_ sample: Sample<Input>) {
        if buffer.count != window {
            buffer.append(sample.value)
        } else {
            sum = Input.subtract(sum, buffer[position])
            buffer[position] = sample.value
        }
        sum = Input.add(sum, sample.value)
        time = sample.time
        position += 1
        if position >= window { position = 0 }
    }

    mutating func emit(into output: inout [Sample<Double>]) {
        guard buffer.count == window else { return }
        output.append(Sample(time: time, value: sum.double / Double(window)))
    }
}

/// `cumulativeSum`: the running sum, in the field's type.
struct CumulativeSumReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    var sum = Input.zero
    var time: Timestamp?

    mutating func aggregate(_ sample: Sample<Input>) {
        sum = Input.add(sum, sample.value)
        time = sample.time
    }

    mutating func emit(into output: inout [Sample<Input>]) {
        if let time { output.append(Sample(time: time, value: sum)) }
    }
}
