// Measures line-protocol parsing on one core: parses a body file repeatedly and prints lines/s.
// usage: LineProtocolBench BODY_FILE [SECONDS] [ITERATIONS]
// With ITERATIONS it parses the body exactly that often (for instruction counts under callgrind).
import CMallocTuning
import LineProtocol
import Models
#if canImport(Glibc)
import Glibc
#endif

// The daemon keeps freed heap memory for reuse; measure the parser under the same setting.
_ = condenser_tune_malloc()
let arguments = CommandLine.arguments
guard arguments.count >= 2, let file = fopen(arguments[1], "rb") else {
    print("usage: LineProtocolBench BODY_FILE [SECONDS]")
    exit(64)
}
var body: [UInt8] = []
var chunk = [UInt8](repeating: 0, count: 1 << 16)
while case let count = fread(&chunk, 1, chunk.count, file), count > 0 { body.append(contentsOf: chunk[0..<count]) }
fclose(file)
let seconds = arguments.count >= 3 ? Double(arguments[2]) ?? 5 : 5
let maxIterations = arguments.count >= 4 ? Int(arguments[3]) ?? Int.max : Int.max
let lines = body.split(separator: UInt8(ascii: "\n")).count

let parser = LineProtocolParser(precision: .nanoseconds, defaultTime: 0, database: "bench", retentionPolicy: "autogen")
var points: [Point] = []
points.reserveCapacity(lines)
var iterations = 0
var parsed = 0
let clock = ContinuousClock()
let start = clock.now
let deadline = start + .seconds(seconds)
while iterations < maxIterations && clock.now < deadline {
    points.removeAll(keepingCapacity: true)
    let errors = body.withUnsafeBytes { parser.parse($0, into: &points) }
    precondition(errors.isEmpty, "body has errors: \(errors.prefix(3))")
    parsed += points.count
    iterations += 1
}
let elapsed = (clock.now - start) / .seconds(1)
let rate = Double(parsed) / elapsed
print("bodies=\(iterations) lines_per_body=\(lines) bytes_per_body=\(body.count) seconds=\(elapsed)")
print("lines_per_s=\(Int(rate)) MB_per_s=\(Int(Double(body.count * iterations) / elapsed / 1e6))")
