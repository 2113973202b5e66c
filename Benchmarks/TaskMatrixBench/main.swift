// Kapacitor's integrations/benchmark_test.go matrix, in process: T tasks × P points written through
// the task master (routing, each task's queue and Swift Task), for the shapes simple (matching and
// not matching), count (window + count) and join. Prints task-points per second: T × P divided by
// the time from the first write until every task has taken every point.
// usage: TaskMatrixBench [SHAPE...]; TASKS=10 POINTS=5000 in the environment run one size only.
import Engine
import LineProtocol
import Logging
import Models
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// Per shape: its script, the measurements written in turn, and whether the task takes the points
/// (the router forks by measurement, as Kapacitor's task master: a task never sees other ones).
let shapes: [(name: String, script: String, measurements: [String], taken: Bool)] = [
    ("simple (matches)", "stream|from().measurement('m1')", ["m1"], true),
    ("simple (no matches)", "stream|from().measurement('m1')", ["m2"], false),
    ("count", "stream|from().measurement('m1')|window().period(100s).every(100s)|count('value')", ["m1"], true),
    ("join", """
    var a = stream|from().measurement('m1')
    var b = stream|from().measurement('m2')
    a|join(b).as('a', 'b').tolerance(1s)|eval(lambda: "a.value" + "b.value").as('sum')
    """, ["m1", "m2"], true),
    ("alert", """
    stream|from().measurement('m1')
        |alert().id('{{ .Name }}_{{ .TaskName }}').info(lambda: "value" > 10).warn(lambda: "value" > 20).crit(lambda: "value" > 30)
    """, ["m1"], true),
]
let selected = CommandLine.arguments.dropFirst()
/// The sizes to run: the environment variable `name` when set, else `all`.
func sizes(_ name: String, _ all: [Int]) -> [Int] {
    getenv(name).flatMap { Int(String(cString: $0)) }.map { [$0] } ?? all
}
let taskCounts = sizes("TASKS", [10, 100, 1000])
let pointCounts = sizes("POINTS", [500, 5000, 50000])

/// `count` points in line protocol over the measurements in turn, one per second.
func body(_ count: Int, _ measurements: [String]) -> [Point] {
    let text = (0..<count).map { index in
        "\(measurements[index % measurements.count]),host=serverA,type=idle value=\(index % 100).5 \(index / measurements.count)000000000"
    }.joined(separator: "\n")
    return LineProtocolParser(database: "dbname", retentionPolicy: "rpname").parse(text).points
}

var logger = Logger(label: "bench")
logger.logLevel = .critical
let clock = ContinuousClock()
print("| shape | tasks | points | task-points/s |")
print("|---|---|---|---|")
for shape in shapes where selected.isEmpty || selected.contains(where: { shape.name.hasPrefix($0) }) {
    for tasks in taskCounts {
        for count in pointCounts {
            do {
                let master = TaskMaster(store: try Store.inMemory(), logger: logger, queueCapacity: 1_000_000)
                for index in 0..<tasks {
                    _ = try master.create(TaskRequest(
                        id: "t\(index)", type: .stream, dbrps: [DBRP(db: "dbname", rp: "rpname")], script: shape.script,
                        status: .enabled))
                }
                let points = body(count, shape.measurements)
                let start = clock.now
                for chunk in stride(from: 0, to: points.count, by: 5000) {
                    master.write(Array(points[chunk..<min(chunk + 5000, points.count)]), dbrp: DBRP(db: "dbname", rp: "rpname"))
                }
                // Every task has taken every point once its source counted them all. Reading the
                // statistics of 1000 tasks takes about 0.4 ms: polls are ten such reads apart so the
                // poller takes a tenth of a core at most.
                let expected = Int64(shape.taken ? count : 0)
                while true {
                    let poll = clock.now
                    guard master.executionStats().contains(where: { $0.stats.nodes[0].processed < expected }) else { break }
                    try await Task.sleep(for: max(.milliseconds(1), (clock.now - poll) * 10))
                }
                let seconds = (clock.now - start) / .seconds(1)
                print("| \(shape.name) | \(tasks) | \(count) | \(Int(Double(tasks * count) / seconds)) |")
                master.stop()
            } catch {
                print("error: \(error)")
                exit(1)
            }
        }
    }
}
