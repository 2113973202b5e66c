/// The runtime of nodes that forward everything unchanged (`stream`, `noop`'s parent links).
final class PassThrough: NodeRuntime {
    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {
        output.emit(message)
    }
}

/// The runtime of nodes that consume everything and emit nothing (`noop`).
final class Sink: NodeRuntime {
    func receive(_ message: Message, from parent: Int, output: NodeOutput) throws(NodeError) {}
}
