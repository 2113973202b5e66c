// Measures the engine on one core: points per second through from|window|mean and through
// from|where|eval, and the memory a window holds per buffered point.
// usage: EngineBench [POINTS [SCRIPT]]
import Models
import Pipeline
import TICKscript
#if canImport(Glibc)
import Glibc
#endif

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let hosts = 100

/// Each host's tag set, shared by its points as the line-protocol parser's series cache shares them.
let tagSets = (0..<hosts).map { Tags(["cpu": "cpu-total", "host": "host\($0)"]) }

/// Telegraf-like cpu point number `index`: 100 hosts, one point per host per second, 3 fields.
func point(_ index: Int) -> Point {
    Point(
        database: "telegraf", retentionPolicy: "autogen", measurement: "cpu", tags: tagSets[index % hosts],
        fields: Fields([
            Field("usage_idle", .float(Double(index % 100))), Field("usage_user", .float(1.5)),
            Field("usage_system", .float(2.5)),
        ]),
        time: Int64(index / hosts) * 1_000_000_000)
}

func runner(_ script: String) -> GraphRunner {
    do {
        return try GraphRunner(graph: PipelineGraph.build(try Parser.parse(script)), context: TaskContext(taskName: "bench"))
    } catch {
        print("error: \(error)")
        exit(1)
    }
}

/// Resident memory in bytes, from /proc/self/statm.
func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0, resident = 0
    _ = withUnsafeMutablePointer(to: &size) { s in withUnsafeMutablePointer(to: &resident) { r in
        withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
    } }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

let clock = ContinuousClock()

// `EngineBench POINTS SCRIPT`: only `SCRIPT`, fed the task matrix's points (m1 and m2 in turn, one
// tag set, `value` a float), on one core with no queue: the per-point cost of a graph, as callgrind
// measures it.
if CommandLine.arguments.count > 2 {
    let script = CommandLine.arguments[2]
    let tags = Tags(["host": "serverA", "type": "idle"])
    let measurements = script.contains("'m2'") ? ["m1", "m2"] : ["m1"]
    let points = (0..<count).map { index in
        Point(
            database: "dbname", retentionPolicy: "rpname", measurement: measurements[index % measurements.count], tags: tags,
            fields: Fields([Field("value", .float(Double(index % 100) + 0.5))]),
            time: Int64(index / measurements.count) * 1_000_000_000)
    }
    let graph = runner(script)
    let start = clock.now
    for point in points { graph.write(point) }
    let elapsed = (clock.now - start) / .seconds(1)
    print("\(script): \(Int(Double(count) / elapsed)) points/s")
    exit(0)
}

let input = (0..<count).map(point)

func measure(_ name: String, _ script: String) {
    let graph = runner(script)
    let start = clock.now
    for point in input { graph.write(point) }
    let elapsed = (clock.now - start) / .seconds(1)
    print("\(name): \(Int(Double(count) / elapsed)) points/s")
}

measure("from|window(10s)|mean", "stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|mean('usage_idle')")
measure("from|where|eval", "stream|from().measurement('cpu')|where(lambda: \"usage_idle\" < 50.0)|eval(lambda: 100.0 - \"usage_idle\").as('used')")

// A window that never emits holds every point: memory per buffered point, each point made fresh
// (as the line-protocol parser makes them) and not kept by anyone else.
let holding = runner("stream|from().measurement('cpu').groupBy('host')|window().period(24h).every(24h)")
let before = residentBytes()
for index in 0..<count { holding.write(point(index)) }
let after = residentBytes()
print("window memory: \((after - before) / count) bytes per buffered point (\(count) points, \(hosts) groups)")
