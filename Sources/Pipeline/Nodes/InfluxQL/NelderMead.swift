/// The Nelder-Mead simplex minimizer InfluxDB's Holt-Winters uses (`query/neldermead`, after
/// Michael F. Hutt), step for step. The objective may change the point it is given (Holt-Winters
/// clamps its parameters and rotates its seasonal terms in place), and those changes stick to
/// the simplex's vertices as they do in Go.
enum NelderMead {
    static let maxIterations = 1000
    static let reflection = 1.0
    static let contraction = 0.5
    static let expansion = 2.0

    /// The smallest value found and the vertex it was found at.
    static func optimize(
        _ objective: (inout [Double]) -> Double, start: [Double], epsilon: Double, scale: Double
    ) -> (value: Double, parameters: [Double]) {
        let n = start.count
        var v = Array(repeating: start, count: n + 1)
        var f = Array(repeating: 0.0, count: n + 1)
        var vr = Array(repeating: 0.0, count: n)
        var ve = vr, vc = vr, vm = vr

        let root = Double(n + 1).squareRoot()
        let pn = scale * (root - 1 + Double(n)) / (Double(n) * 2.0.squareRoot())
        let qn = scale * (root - 1) / (Double(n) * 2.0.squareRoot())
        for i in stride(from: 1, through: n, by: 1) {
            for j in 0..<n { v[i][j] = (i - 1 == j ? pn : qn) + start[j] }
        }
        for j in 0...n { f[j] = objective(&v[j]) }

        for _ in 0..<maxIterations {
            var vg = 0, vs = 0
            for i in 0...n {
                if f[i] > f[vg] { vg = i }
                if f[i] < f[vs] { vs = i }
            }
            var vh = vs
            for i in 0...n where f[i] > f[vh] && f[i] < f[vg] { vh = i }

            for i in 0..<n {
                var centroid = 0.0
                for m in 0...n where m != vg { centroid += v[m][i] }
                vm[i] = centroid / Double(n)
            }
            for i in 0..<n { vr[i] = vm[i] + reflection * (vm[i] - v[vg][i]) }
            let fr = objective(&vr)
            if fr < f[vh] && fr >= f[vs] {
                v[vg] = vr
                f[vg] = fr
            }
            if fr < f[vs] {
                for i in 0..<n { ve[i] = vm[i] + expansion * (vr[i] - vm[i]) }
                let fe = objective(&ve)
                if fe < fr {
                    v[vg] = ve
                    f[vg] = fe
                } else {
                    v[vg] = vr
                    f[vg] = fr
                }
            }
            if fr >= f[vh] {
                if fr < f[vg] && fr >= f[vh] {
                    for i in 0..<n { vc[i] = vm[i] + contraction * (vr[i] - vm[i]) }
                } else {
                    for i in 0..<n { vc[i] = vm[i] - contraction * (vm[i] - v[vg][i]) }
                }
                let fc = objective(&vc)
                if fc < f[vg] {
                    v[vg] = vc
                    f[vg] = fc
                } else {
                    for row in 0...n where row != vs {
                        for i in 0..<n { v[row][i] = v[vs][i] + (v[row][i] - v[vs][i]) / 2 }
                    }
                    f[vg] = objective(&v[vg])
                    f[vh] = objective(&v[vh])
                }
            }

            var sum = 0.0
            for value in f { sum += value }
            let average = sum / Double(n + 1)
            var spread = 0.0
            for value in f { spread += GoMath.pow(value - average, 2) / Double(n) }
            if spread.squareRoot() < epsilon { break }
        }

        var vs = 0
        for i in 0...n where f[i] < f[vs] { vs = i }
        let parameters = v[vs]
        let value = objective(&v[vs])
        return (value, parameters)
    }
}
