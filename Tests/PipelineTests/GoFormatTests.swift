@testable import Pipeline
import Testing

/// Go's `%v` of floats: the fast path for the fixed range prints what the digit-by-digit path does.
@Suite struct GoFormatTests {
    @Test func theFixedRangeMatchesTheGeneralRule() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -4.0..<6.0, using: &generator)
            var value = (Double.random(in: 1..<10, using: &generator) * pow10(magnitude.rounded(.down))).nextDown
            if Bool.random(using: &generator) { value = -value }
            if value.magnitude >= 1e-4 && value.magnitude < 1e6 {
                #expect(GoFormat.general(value) == GoFormat.fixed(value), "\(value)")
            }
        }
    }

    @Test(arguments: [
        (90.0, "90"), (2.5, "2.5"), (-0.25, "-0.25"), (0.0001, "0.0001"), (0.00001, "1e-05"), (999999.5, "999999.5"),
        (1e6, "1e+06"), (123456789.0, "1.23456789e+08"), (0.0, "0"), (1.0 / 3.0, "0.3333333333333333"),
    ])
    func printsAsGo(value: Double, text: String) {
        #expect(GoFormat.general(value) == text)
    }

    private func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        if exponent >= 0 { for _ in 0..<Int(exponent) { result *= 10 } } else { for _ in 0..<Int(-exponent) { result /= 10 } }
        return result
    }
}
