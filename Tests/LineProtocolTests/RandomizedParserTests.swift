import LineProtocol
import Models
import Testing

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct RandomizedParserTests {
    static let seeds: [String] = [
        "cpu,host=a,region=us-west usage_idle=99.5,usage_user=1i,ok=true,msg=\"hi \\\"there\\\"\" 1700000000000000000",
        "we\\ ird\\,m,t\\=k=v\\ 1 f\\,k=\"a\nb\",u=3u -5",
        "m v=1e-3,w=-.5,x=1E+10",
        "# comment\nm,a=1 b=2\r\n",
    ]
    static let alphabet: [UInt8] = Array(" ,=\\\"\n\r\t#-+.0123456789eEiuUtTfFabc".utf8) + [0, 0xC3, 0xA9, 0xFF]

    /// Mutated bodies never crash the parser, and what it reports is consistent with the input.
    @Test func mutatedBodiesAreParsedOrRejectedLineByLine() {
        var generator = SplitMix64(state: 42)
        for _ in 0..<20_000 {
            var bytes = Array(Self.seeds.randomElement(using: &generator)!.utf8)
            for _ in 0...Int.random(in: 0...4, using: &generator) {
                guard !bytes.isEmpty else { break }
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0...3, using: &generator) {
                case 0: bytes[index] = Self.alphabet.randomElement(using: &generator)!
                case 1: bytes.insert(Self.alphabet.randomElement(using: &generator)!, at: index)
                case 2: bytes.remove(at: index)
                default: bytes = Array(bytes[..<index])
                }
            }
            var points: [Point] = []
            let errors = LineProtocolParser().parse(bytes, into: &points)
            let newlines = bytes.filter { $0 == UInt8(ascii: "\n") }.count
            #expect(points.count + errors.count <= newlines + 1)
            for error in errors {
                #expect(error.lineNumber >= 1 && error.lineNumber <= newlines + 1)
                #expect(!error.line.isEmpty)
            }
            for point in points {
                #expect(!point.measurement.isEmpty)
                #expect(!point.fields.isEmpty)
            }
        }
    }

    /// Every good point survives serialize → parse unchanged.
    @Test func goodPointsRoundTrip() {
        var generator = SplitMix64(state: 7)
        for _ in 0..<5_000 {
            var bytes = Array(Self.seeds.randomElement(using: &generator)!.utf8)
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[index] = Self.alphabet.randomElement(using: &generator)!
            var points: [Point] = []
            _ = LineProtocolParser().parse(bytes, into: &points)
            let text = LineProtocolSerializer.serialize(points)
            let reparsed = LineProtocolParser().parse(text)
            #expect(reparsed.errors.isEmpty, "\(text)")
            #expect(reparsed.points == points, "\(text)")
        }
    }
}
