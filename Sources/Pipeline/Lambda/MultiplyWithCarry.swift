/// The multiply-with-carry generator Kapacitor's `rand()` draws from (zeebo/mwc), so that a
/// replay seeded like Kapacitor's test harness gives the same numbers.
final class MultiplyWithCarry {
    private static let multiplier: UInt64 = 0xfeb3_4465_7c0a_f413
    private var x1: UInt64 = 0, x2: UInt64 = 0, x3: UInt64 = 0, carry: UInt64 = 0

    /// A generator seeded as `mwc.T.Seed(seed)`, or at random.
    init(seed: UInt64?) {
        let seed = seed ?? UInt64.random(in: .min ... .max)
        initialize(seed, seed)
    }

    private func initialize(_ k1: UInt64, _ k2: UInt64) {
        let m = Self.multiplier
        let k: UInt64 = 0xcafe_f00d_d15e_a5e5, c: UInt64 = 0x1405_7b7e_f767_814f
        let m1 = k.multipliedFullWidth(by: m)
        let rs = m1.low &+ c
        let m4 = rs.multipliedFullWidth(by: m)
        let m2 = k2.multipliedFullWidth(by: m)
        let m3 = k1.multipliedFullWidth(by: m)
        var borrow: UInt64
        (x2, borrow) = Self.add(m2.low, m1.high, 0)
        (x1, borrow) = Self.add(m3.low, m2.high, borrow)
        let m5 = x2.multipliedFullWidth(by: m)
        let m6 = x1.multipliedFullWidth(by: m)
        (x3, borrow) = Self.add(m4.low, m3.high, borrow)
        (x2, borrow) = Self.add(m5.low, m4.high, borrow)
        (x1, borrow) = Self.add(m6.low, m5.high, borrow)
        carry = m6.high &+ borrow
    }

    /// Go's `bits.Add64`: sum and carry out.
    private static func add(_ a: UInt64, _ b: UInt64, _ carryIn: UInt64) -> (UInt64, UInt64) {
        let (partial, overflow1) = a.addingReportingOverflow(b)
        let (sum, overflow2) = partial.addingReportingOverflow(carryIn)
        return (sum, (overflow1 || overflow2) ? 1 : 0)
    }

    /// The next 64 random bits.
    func next() -> UInt64 {
        let product = x3.multipliedFullWidth(by: Self.multiplier)
        let output = (x3 ^ x2) &+ (x1 ^ product.high)
        let (low, carryOut) = Self.add(product.low, carry, 0)
        (x1, x2, x3, carry) = (low, x1, x2, product.high &+ carryOut)
        return output
    }

    /// A number in [0, n) without modulo bias, as `Uint64n`; 0 when n is 0.
    func next(below n: UInt64) -> UInt64 {
        guard n != 0 else { return 0 }
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            var threshold = 0 &- n
            if threshold >= n {
                threshold -= n
                if threshold >= n { threshold %= n }
            }
            while product.low < threshold { product = next().multipliedFullWidth(by: n) }
        }
        return product.high
    }
}
