import Models

extension PipelineGraph {
    /// The DOT of a running task as Kapacitor renders it: a throughput graph attribute, each
    /// node's statistics, each edge's processed count — as attributes, or as labels for
    /// `dot-view=labels`.
    public func dot(name: String, stats: [NodeStats], cardinalities: [Int], throughput: Double, unit: String, labels: Bool) -> String {
        var output = "digraph \(name) {\n"
        let rate = Self.twoDecimals(throughput)
        output += labels
            ? "graph [label=\"Throughput: \(rate) \(unit)/s\" forcelabels=true pad=\"0.8,0.5\"];\n"
            : "graph [throughput=\"\(rate) \(unit)/s\"];\n"
        for index in topologicalOrder() {
            let vertex = vertices[index]
            let values = [
                ("avg_exec_time_ns", GoDuration.format(stats[index].averageExecutionTime)),
                ("errors", String(stats[index].errors)),
                ("working_cardinality", String(cardinalities[index])),
            ]
            if labels {
                output += "\n\(vertex.name) [xlabel=\"" + values.map { "\($0)=\($1)" }.joined(separator: "\\r") + "\"];\n"
                for child in vertex.children {
                    output += "\(vertex.name) -> \(vertices[child].name) [label=\"processed=\(stats[index].emitted)\"];\n"
                }
            } else {
                output += "\n\(vertex.name) [" + values.map { "\($0)=\"\($1)\" " }.joined() + "];\n"
                for child in vertex.children {
                    output += "\(vertex.name) -> \(vertices[child].name) [processed=\"\(stats[index].emitted)\"];\n"
                }
            }
        }
        return output + "}"
    }

    /// `%0.2f` without Foundation.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
