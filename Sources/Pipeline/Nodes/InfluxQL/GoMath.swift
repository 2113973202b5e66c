/// Go's `math.Pow` for integer exponents, bit for bit: repeated squaring of the mantissa, so
/// Holt-Winters' damping powers and squared errors match InfluxDB's.
enum GoMath {
    /// `x` to the power `n`.
    static func pow(_ x: Double, _ n: Int) -> Double {
        if n == 0 || x == 1 { return 1 }
        if n == 1 { return x }
        if x.isNaN { return .nan }
        let odd = n & 1 == 1
        if x == 0 {
            if n < 0 { return odd ? (x.sign == .minus ? -.infinity : .infinity) : .infinity }
            return odd ? x : 0
        }
        if x.isInfinite {
            if x == -.infinity { return pow(-0.0, -n) }
            return n < 0 ? 0 : .infinity
        }
        var result = 1.0, resultExponent = 0
        var mantissa = x.significand / 2 * (x.sign == .minus ? -1 : 1)
        var exponent = Int(x.exponent) + 1
        var remaining = n.magnitude
        while remaining != 0 {
            if exponent < -(1 << 12) || (1 << 12) < exponent {
                resultExponent += exponent
                break
            }
            if remaining & 1 == 1 {
                result *= mantissa
                resultExponent += exponent
            }
            mantissa *= mantissa
            exponent <<= 1
            if mantissa < 0.5 {
                mantissa += mantissa
                exponent -= 1
            }
            remaining >>= 1
        }
        if n < 0 {
            result = 1 / result
            resultExponent = -resultExponent
        }
        return Double(sign: .plus, exponent: resultExponent, significand: result)
    }
}
