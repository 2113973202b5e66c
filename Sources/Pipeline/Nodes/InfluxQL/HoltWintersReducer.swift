import Models

/// `holtWinters` and `holtWintersWithFit`: InfluxDB's damped Holt-Winters forecast. The values
/// are bucketed on `interval` (missing buckets are NaN), the initial level, trend and seasonals
/// estimated, the smoothing parameters fitted by Nelder-Mead from a grid of starting guesses, and
/// `horizon` values forecast after the last point (with the fitted values first when `withFit`).
struct HoltWintersReducer<Input: InfluxQLNumber>: InfluxQLReducer {
    static var weight: Double { 0.5 }
    static var epsilon: Double { 1.0e-4 }
    static var guessLower: Double { 0.3 }
    static var guessUpper: Double { 1.0 }
    static var guessStep: Double { 0.4 }

    let horizon: Int
    let season: Int
    let seasonal: Bool
    let interval: Int64
    let withFit: Bool
    var points: [(time: Timestamp, value: Double)] = []

    init(horizon: Int, season: Int, interval: Int64, withFit: Bool) {
        self.horizon = horizon
        self.season = season
        seasonal = season >= 2
        self.interval = interval
        self.withFit = withFit
    }

    mutating func aggregate(_ sample: Sample<Input>) { points.append((sample.time, sample.value.double)) }

    /// `t` rounded to the nearest multiple of `interval`, halves rounding down.
    func round(_ t: Timestamp) -> Timestamp {
        t % interval > interval / 2 ? (t / interval + 1) &* interval : (t / interval) &* interval
    }

    mutating func emit(into output: inout [Sample<Double>]) {
        guard let first = points.first, let last = points.last, points.count >= 2,
              !(seasonal && points.count < season), horizon > 0 else { return }
        let start = round(first.time), stop = round(last.time)
        guard (stop &- start) / interval > 0 else { return }
        var y = [first.value]
        var t = start
        for point in points.dropFirst() {
            let rounded = round(point.time)
            if rounded <= t { continue }
            t &+= interval
            while rounded != t {
                y.append(.nan)
                t &+= interval
            }
            y.append(point.value)
        }
        // InfluxDB indexes the first season unchecked; points sharing buckets can leave it short.
        if seasonal && y.count < season { return }
        let model = HoltWintersModel(y: y, seasonal: seasonal)
        let best = fit(model)
        var parameters = best
        let forecast = model.forecast(horizon, &parameters)
        if withFit {
            for (i, value) in forecast.enumerated() where !value.isNaN {
                output.append(Sample(time: first.time &+ interval &* Int64(i), value: value))
            }
        } else {
            for (i, value) in forecast[y.count...].enumerated() where !value.isNaN {
                output.append(Sample(time: last.time &+ interval &* (Int64(i) + 1), value: value))
            }
        }
    }

    /// The best parameters from Nelder-Mead runs over InfluxDB's grid of starting guesses.
    func fit(_ model: HoltWintersModel) -> [Double] {
        let y = model.y, m = season
        var level = 0.0
        if seasonal {
            for i in 0..<m where !y[i].isNaN { level += (1 / Double(m)) * y[i] }
        } else {
            level += Self.weight * y[0]
        }
        var trend = 0.0
        if seasonal {
            var i = 0
            while i < m && m + i < y.count {
                if !y[i].isNaN && !y[m + i].isNaN { trend += 1 / Double(m * m) * (y[m + i] - y[i]) }
                i += 1
            }
        } else if !y[1].isNaN {
            trend = Self.weight * (y[1] - y[0])
        }
        var parameters = [0, 0, 0, 0, level, trend]
        if seasonal {
            for i in 0..<m { parameters.append(y[i].isNaN ? 0 : y[i] / level) }
        }
        var minimum = Double.infinity
        var best: [Double]?
        var alpha = Self.guessLower
        while alpha < Self.guessUpper {
            var beta = Self.guessLower
            while beta < Self.guessUpper {
                var gamma = Self.guessLower
                while gamma < Self.guessUpper {
                    var phi = Self.guessLower
                    while phi < Self.guessUpper {
                        parameters[0] = alpha
                        parameters[1] = beta
                        parameters[2] = gamma
                        parameters[3] = phi
                        let (sse, found) = NelderMead.optimize(model.sse, start: parameters, epsilon: Self.epsilon, scale: 1)
                        if sse < minimum || best == nil {
                            minimum = sse
                            best = found
                        }
                        phi += Self.guessStep
                    }
                    gamma += Self.guessStep
                }
                beta += Self.guessStep
            }
            alpha += Self.guessStep
        }
        return best ?? parameters
    }
}

/// The series Holt-Winters fits: values per interval (NaN where missing).
struct HoltWintersModel {
    let y: [Double]
    let seasonal: Bool

    /// The fitted values followed by `horizon` forecast ones. Clamps alpha, beta, gamma and phi
    /// to [0, 1] and rotates the seasonal terms of `parameters` in place, as InfluxDB does.
    func forecast(_ horizon: Int, _ parameters: inout [Double]) -> [Double] {
        for i in 0..<4 {
            if parameters[i] > 1 { parameters[i] = 1 }
            if parameters[i] < 0 { parameters[i] = 0 }
        }
        let alpha = parameters[0], beta = parameters[1], gamma = parameters[2], phi = parameters[3]
        var yT = y[0]
        var phiH = phi
        var level = parameters[4], trend = parameters[5]
        var m = 0, offset = 0
        if seasonal {
            m = parameters.count - 6
            if m == 1 { parameters[6] = 1 }
            offset = m - 1
        }
        var forecast = Array(repeating: 0.0, count: y.count + horizon)
        forecast[0] = yT
        var seasonalT = 1.0, seasonalTH = 1.0
        for t in stride(from: 1, to: y.count + horizon, by: 1) {
            if seasonal {
                let hm = t % m
                seasonalT = parameters[6 + (t - m + offset) % m]
                seasonalTH = parameters[6 + (t - m + hm + offset) % m]
            }
            let previousLevel = level, previousTrend = trend
            level = alpha * (yT / seasonalT) + (1 - alpha) * (previousLevel + phi * previousTrend)
            trend = beta * (level - previousLevel) + (1 - beta) * phi * previousTrend
            let sT = gamma * (yT / (previousLevel + phi * previousTrend)) + (1 - gamma) * seasonalT
            yT = (level + phiH * trend) * seasonalTH
            phiH += GoMath.pow(phi, t)
            if seasonal {
                parameters[6 + (t + offset) % m] = sT
                offset += 1
            }
            forecast[t] = yT
        }
        return forecast
    }

    /// The sum of squared errors of the fit with `parameters`; infinite when the fit has NaNs.
    func sse(_ parameters: inout [Double]) -> Double {
        var sse = 0.0
        let forecast = forecast(0, &parameters)
        for i in forecast.indices where !y[i].isNaN {
            if forecast[i].isNaN { return .infinity }
            let difference = forecast[i] - y[i]
            sse += difference * difference
        }
        return sse
    }
}
