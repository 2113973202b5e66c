extension LambdaFunction {
    static let statefulNames = ["sigma", "count", "spread", "rand"]

    /// `sigma`, `count` and `spread` keep running state per call site; `rand` draws from Kapacitor's
    /// generator, seeded with `seed` or at random.
    static func stateful(_ name: String, seed: UInt64?) -> LambdaFunction? {
        switch name {
        case "sigma":
            let state = Sigma()
            return LambdaFunction(name: name, signatures: [Signature([.float], .float)], body: { args throws(LambdaError) in
                .float(state.add(args.first.floatPayload))
            }, state: state)
        case "spread":
            let state = Spread()
            return LambdaFunction(name: name, signatures: [Signature([.float], .float)], body: { args throws(LambdaError) in
                .float(state.add(args.first.floatPayload))
            }, state: state)
        case "count":
            let state = Count()
            return LambdaFunction(name: name, signatures: [Signature([], .int)], body: { _ throws(LambdaError) in
                state.value += 1
                return .int(state.value)
            }, state: state)
        case "rand":
            let generator = MultiplyWithCarry(seed: seed)
            return LambdaFunction(name: name, signatures: [Signature([], .int), Signature([.int], .int)]) { args throws(LambdaError) in
                let mask = UInt64(Int64.max)
                guard args.count == 1 else { return .int(Int64(generator.next() & mask)) }
                return .int(Int64(generator.next(below: UInt64(bitPattern: args.first.intPayload)) & mask))
            }
        default:
            return nil
        }
    }

    /// Welford's running mean and variance; the result is how many standard deviations the value is
    /// from the mean including it (0 for the first value or while the variance is 0).
    final class Sigma: LambdaFunctionState {
        private var mean = 0.0, m2 = 0.0, n = 0.0

        func add(_ x: Double) -> Double {
            n += 1
            let delta = x - mean
            mean += delta / n
            m2 += delta * (x - mean)
            let variance = m2 / (n - 1)
            if n < 2 || variance == 0 { return 0 }
            return (x - mean).magnitude / variance.squareRoot()
        }

        func reset() { (mean, m2, n) = (0, 0, 0) }
    }

    /// The running maximum minus the running minimum.
    final class Spread: LambdaFunctionState {
        private var low = Double.infinity, high = -Double.infinity

        func add(_ x: Double) -> Double {
            if x < low { low = x }
            if x > high { high = x }
            return high - low
        }

        func reset() { (low, high) = (.infinity, -.infinity) }
    }

    /// How many times the call site was evaluated.
    final class Count: LambdaFunctionState {
        var value: Int64 = 0

        func reset() { value = 0 }
    }
}
