// Measures TICKscript parsing and pipeline building of a generated 300-line script.
// usage: TICKscriptBench [SECONDS [NEW]]; prints the time per script (regex literals cached after the
// first), the first script's, and that of scripts whose regex literals are all new
import Pipeline
import TICKscript
#if canImport(Glibc)
import Glibc
#endif

/// A realistic script: declarations with comments, then alert pipelines, 300 lines in all; its
/// regex literals start with `regexPrefix`.
func script(lines: Int, regexPrefix: String = "web-") -> String {
    var text = "dbrp \"telegraf\".\"autogen\"\n\n// Thresholds\nvar crit = 90\nvar warn = 80\nvar period = 10s\n\n"
    var block = 0
    while text.utf8.lazy.filter({ $0 == UInt8(ascii: "\n") }).count + 1 < lines {
        text += """
        // CPU of group \(block)
        var data\(block) = stream
            |from()
                .measurement('cpu')
                .where(lambda: "cpu" == 'cpu-total' AND "host" =~ /^\(regexPrefix)\(block)/)
                .groupBy('host', 'dc')
            |window()
                .period(period)
                .every(period)
            |mean('usage_idle')
                .as('idle')
            |eval(lambda: 100.0 - "idle", lambda: sigma("idle"))
                .as('used', 'sigma')
        data\(block)
            |alert()
                .id('{{ index .Tags "host" }}/cpu-\(block)')
                .message('{{ .ID }} is {{ .Level }}: {{ index .Fields "used" | printf "%0.2f" }}%')
                .warn(lambda: "used" > warn OR "sigma" > 2.5)
                .crit(lambda: "used" > crit AND ("sigma" > 3.0 OR "used" >= 99))
                .stateChangesOnly(5m)
                .log('/tmp/cpu_alert_\(block).log')

        """
        block += 1
    }
    return text
}

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 3 : 3
/// How many scripts of new regex literals to measure (300 unless given).
let freshCount = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 300 : 300
let text = script(lines: 300)
let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
var iterations = 0
var nodes = 0
let clock = ContinuousClock()
let start = clock.now
let deadline = start + .seconds(seconds)
var first: Duration?
while clock.now < deadline {
    do {
        let program = try Parser.parse(text)
        nodes += try PipelineGraph.build(program).vertices.count
    } catch {
        print("error: \(error)")
        exit(1)
    }
    iterations += 1
    // The first script compiles its regex literals; later ones find them in the process's cache.
    if first == nil { first = clock.now - start }
}
let elapsed = (clock.now - start) / .seconds(1)
let microseconds = elapsed / Double(iterations) * 1e6
print("lines=\(lineCount) bytes=\(text.utf8.count) iterations=\(iterations) nodes_per_script=\(nodes / iterations)")
print("parse_and_build_us=\(Int(microseconds))")
print("first_script_us=\(Int((first ?? .zero) / .microseconds(1)))")

// Scripts whose regex literals no script before used: what a script of new literals costs.
let fresh = (0..<freshCount).map { script(lines: 300, regexPrefix: "web\($0)x-") }
let freshStart = clock.now
for variant in fresh {
    do {
        _ = try PipelineGraph.build(try Parser.parse(variant))
    } catch {
        print("error: \(error)")
        exit(1)
    }
}
print("new_regexes_us=\(Int((clock.now - freshStart) / .microseconds(1) / Double(max(fresh.count, 1))))")
