#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LambdaFunction {
    static let mathNames = Array(math1.keys) + Array(math2.keys) + ["pow10", "jn", "yn"]

    /// Go `math` functions of one float (they take no int: `abs(1)` is a signature error).
    private static let math1: [String: @Sendable (Double) -> Double] = [
        "abs": { $0.magnitude }, "acos": acos, "acosh": acosh, "asin": asin, "asinh": asinh, "atan": atan,
        "atanh": atanh, "cbrt": correctedCbrt, "ceil": { $0.rounded(.up) }, "cos": cos, "cosh": cosh, "erf": erf,
        "erfc": erfc, "exp": exp, "exp2": exp2, "expm1": expm1, "floor": { $0.rounded(.down) }, "gamma": tgamma,
        "j0": j0, "j1": j1, "log": log, "log10": log10, "log1p": log1p, "log2": log2, "logb": logb, "sin": sin,
        "sinh": sinh, "sqrt": { $0.squareRoot() }, "tan": tan, "tanh": tanh, "trunc": { $0.rounded(.towardZero) },
        "y0": y0, "y1": y1,
    ]

    /// Go `math` functions of two floats.
    private static let math2: [String: @Sendable (Double, Double) -> Double] = [
        "atan2": atan2, "hypot": hypot, "max": goMax, "min": goMin, "mod": fmod, "pow": pow,
    ]

    static func math(_ name: String) -> LambdaFunction? {
        if let function = math1[name] {
            return LambdaFunction(name: name, signatures: [Signature([.float], .float)]) { args throws(LambdaError) in
                .float(function(args.first.floatPayload))
            }
        }
        if let function = math2[name] {
            return LambdaFunction(name: name, signatures: [Signature([.float, .float], .float)]) { args throws(LambdaError) in
                .float(function(args.first.floatPayload, args.second.floatPayload))
            }
        }
        switch name {
        case "pow10":
            return LambdaFunction(name: name, signatures: [Signature([.int], .float)]) { args throws(LambdaError) in
                .float(pow10(args.first.intPayload))
            }
        case "jn", "yn":
            let bessel = name == "jn"
            return LambdaFunction(name: name, signatures: [Signature([.int, .float], .float)]) { args throws(LambdaError) in
                let order = Int32(clamping: args.first.intPayload), x = args.second.floatPayload
                return .float(bessel ? jn(order, x) : yn(order, x))
            }
        default:
            return nil
        }
    }

    /// The C library's cube root plus one Newton step, so exact cubes come out exact as in Go.
    private static func correctedCbrt(_ x: Double) -> Double {
        let root = cbrt(x)
        guard root.isFinite, root != 0 else { return root }
        return root - (root * root * root - x) / (3 * root * root)
    }

    /// Go's `math.Max`: NaN wins, then +Inf; +0 beats -0.
    private static func goMax(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x == 0, y == 0 { return x.sign == .plus ? x : y }
        return x > y ? x : y
    }

    /// Go's `math.Min`: NaN wins, then -Inf; -0 beats +0.
    private static func goMin(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x == 0, y == 0 { return x.sign == .minus ? x : y }
        return x < y ? x : y
    }

    private static let pow10Small: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
    ]
    private static let pow10Positive32: [Double] = [1e0, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288]
    private static let pow10Negative32: [Double] = [
        1e-0, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, Double(bitPattern: 0x7E8), // 1e-320, subnormal
    ]

    /// Go's `math.Pow10`, from the same tables so results agree to the bit.
    private static func pow10(_ n: Int64) -> Double {
        if 0 <= n && n <= 308 { return pow10Positive32[Int(n / 32)] * pow10Small[Int(n % 32)] }
        if -323 <= n && n <= 0 { return pow10Negative32[Int(-n / 32)] / pow10Small[Int(-n % 32)] }
        return n > 0 ? .infinity : 0
    }
}
