import Models

/// Writes each point or batch to the task's log as line protocol-like text and passes it on.
final class LogRuntime: NodeRuntime {
    let prefix: String
    let level: String
    let log: @Sendable (String, String) -> Void

    init(_ node: LogNode, context: TaskContext) {
        prefix = node.prefix
        level = node.level.uppercased()
        log = context.onLog
    }

    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        switch message {
        case .point(let point):
            var row = ""
            Row(point).appendJSON(to: &row)
            log(level, prefix.isEmpty ? row : prefix + " " + row)
        case .batch(let batch):
            var row = ""
            Row(batch).appendJSON(to: &row)
            log(level, prefix.isEmpty ? row : prefix + " " + row)
        case .barrier, .deleteGroup:
            break
        }
        output.emit(message)
    }
}

extension LogNode {
    public func makeRuntime(_ context: TaskContext) throws(PipelineError) -> any NodeRuntime { LogRuntime(self, context: context) }
}
