import Models

/// The reducers that keep every point and compute over the sorted slice: `median` and `stddev`
/// (floats) and `mode` (the field's type), with InfluxDB's special cases for one point.
struct SliceReducer<Input: InfluxQLNumber> {
    var samples: [Sample<Input>] = []

    mutating func aggregate(_ sample: Sample<Input>) { samples.append(sample) }
}

/// `median`: the middle value, or the mean of the two middle values.
struct MedianReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    var slice = SliceReducer<Input>()

    mutating func aggregate(_ sample: Sample<Input>) { slice.aggregate(sample) }

    mutating func emit(into output: inout [Sample<Double>]) {
        var samples = slice.samples
        guard !samples.isEmpty else { return }
        if samples.count == 1 {
            // InfluxDB returns a lone float point as it is, time included; an integer one without time.
            let only = samples[0]
            output.append(Sample(time: Input.isFloat ? only.time : Sample<Double>.zeroTime, value: only.value.double, tags: only.tags))
            return
        }
        samples.sortByValue()
        let middle = samples.count / 2
        let value: Double
        if samples.count % 2 == 0 {
            let low = samples[middle - 1].value, high = samples[middle].value
            value = low.double + Input.subtract(high, low).double / 2
        } else {
            value = samples[middle].value.double
        }
        output.append(Sample(time: Sample<Double>.zeroTime, value: value))
    }
}

/// `mode`: the most frequent value; among equally frequent values the one seen first in time.
struct ModeReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    var slice = SliceReducer<Input>()

    mutating func aggregate(_ sample: Sample<Input>) { slice.aggregate(sample) }

    mutating func emit(into output: inout [Sample<Input>]) {
        var samples = slice.samples
        guard let first = samples.first else { return }
        if samples.count == 1 {
            output.append(first)
            return
        }
        samples.sortByValue()
        var mostFrequent = 0, currentFrequency = 0
        var currentMode = samples[0].value, mostMode = samples[0].value
        var mostTime = samples[0].time, currentTime = samples[0].time
        for sample in samples {
            if sample.value != currentMode {
                currentFrequency = 1
                currentMode = sample.value
                currentTime = sample.time
                continue
            }
            currentFrequency += 1
            if mostFrequent > currentFrequency || (mostFrequent == currentFrequency && currentTime > mostTime) { continue }
            mostFrequent = currentFrequency
            mostMode = sample.value
            mostTime = sample.time
        }
        output.append(Sample(time: Sample<Input>.zeroTime, value: mostMode))
    }
}

/// `stddev`: the sample standard deviation (n − 1), NaN values skipped, NaN under two points.
struct StddevReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    var slice = SliceReducer<Input>()

    mutating func aggregate(_ sample: Sample<Input>) { slice.aggregate(sample) }

    mutating func emit(into output: inout [Sample<Double>]) {
        let samples = slice.samples
        guard samples.count >= 2 else {
            output.append(Sample(time: Sample<Double>.zeroTime, value: .nan))
            return
        }
        var mean = 0.0, count = 0
        for sample in samples where !sample.value.double.isNaN {
            count += 1
            mean += (sample.value.double - mean) / Double(count)
        }
        var variance = 0.0
        for sample in samples where !sample.value.double.isNaN {
            variance += GoMath.pow(sample.value.double - mean, 2)
        }
        output.append(Sample(time: Sample<Double>.zeroTime, value: (variance / Double(count - 1)).squareRoot()))
    }
}
