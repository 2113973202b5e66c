import Models
import Pipeline
import TICKscript

/// What a task's TICKscript says about the task, as Kapacitor derives it: its type from the
/// `stream`/`batch` sources it uses, and its `dbrp` statements.
struct TaskScript {
    /// Stream or batch; invalid when the script uses neither or both.
    let type: TaskType
    /// The `dbrp "db"."rp"` statements, in order.
    let dbrps: [DBRP]
    /// The pipeline's nodes and edges.
    let graph: PipelineGraph

    /// Parses `script` and applies `vars` to it; syntax errors are `invalid TICKscript: parser: ...`,
    /// one line each. A template (`template`) may leave declared vars without a value.
    init(_ script: String, vars: [String: Var] = [:], template: Bool = false) throws(EngineError) {
        var program: Program
        do {
            program = try Parser.parse(script)
        } catch {
            let messages = Parser.diagnose(script).map(\.message)
            throw .invalid("invalid TICKscript: " + (messages.isEmpty ? [error.message] : messages).joined(separator: "\n"))
        }
        do {
            program = try program.applying(vars, requireValues: !template)
        } catch {
            throw .invalid("invalid TICKscript: \(error.description)")
        }
        var sources: Set<String> = []
        var dbrps: [DBRP] = []
        for statement in program.statements {
            if case let .dbrp(database, retentionPolicy) = statement.kind {
                dbrps.append(DBRP(db: database, rp: retentionPolicy))
            } else {
                Self.collectSources(statement, into: &sources)
            }
        }
        switch sources {
        case ["stream"]: type = .stream
        case ["batch"]: type = .batch
        default: type = .invalid
        }
        self.dbrps = dbrps
        do {
            graph = try PipelineGraph.build(program, allowMissingVars: template)
        } catch {
            throw .invalid("invalid TICKscript: " + error.located(in: SourceText(script)))
        }
    }

    /// The task's DOT as Kapacitor shows it for a task that is not running; an empty graph when
    /// the stored script no longer builds.
    static func dot(_ script: String, vars: [String: Var] = [:], template: Bool = false, name: String) -> String {
        (try? TaskScript(script, vars: vars, template: template))?.graph.dot(name: name) ?? "digraph \(name) {\n}"
    }

    /// Finds `stream` and `batch` where a pipeline starts: at the left end of chains, alone, or
    /// as a declaration's value (`var data = stream|from()`).
    static func collectSources(_ node: Node, into sources: inout Set<String>) {
        switch node.kind {
        case .identifier(let name) where name == "stream" || name == "batch":
            sources.insert(name)
        case .function(let function) where function.name == "stream" || function.name == "batch":
            sources.insert(function.name)
        case .chain(let left, _, _):
            collectSources(left, into: &sources)
        case .declaration(_, let value):
            collectSources(value, into: &sources)
        default:
            return
        }
    }

    /// The dbrps a task runs on: the script's statements or the request's list, not both.
    static func dbrps(script: [DBRP], requested: [DBRP]?, both message: String) throws(EngineError) -> [DBRP] {
        let requested = requested ?? []
        if !script.isEmpty && !requested.isEmpty { throw .invalid(message) }
        let dbrps = script.isEmpty ? requested : script
        guard !dbrps.isEmpty else { throw .invalid("must specify dbrp") }
        return dbrps
    }
}
