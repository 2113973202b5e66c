import APIModels
import Engine
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

extension CondenserAPI {
    /// GET `/kapacitor/v1/debug/vars`: Kapacitor's expvar object, with one `ingress` statistic per
    /// database, retention policy and measurement and one `nodes` statistic per running node under
    /// `kapacitor`.
    func debugVars() throws -> Response {
        let counts = try engine { () throws(EngineError) in try taskMaster.counts() }
        var statistics: [String: JSONValue] = [:]
        for (key, count) in taskMaster.ingress.snapshot() {
            let name = "ingress:\(key.database):\(key.retentionPolicy):\(key.measurement)"
            statistics[name] = .object([
                "name": .string("ingress"),
                "tags": .object(commonTags.merging([
                    "database": .string(key.database),
                    "retention_policy": .string(key.retentionPolicy),
                    "measurement": .string(key.measurement),
                    "task_master": .string("main"),
                ]) { $1 }),
                "values": .object(["points_received": .int(count)]),
            ])
        }
        for (task, execution) in taskMaster.executionStats() {
            for (index, vertex) in execution.graph.vertices.enumerated() {
                statistics["nodes:\(task):\(vertex.name)"] = .object([
                    "name": .string("nodes"),
                    "tags": .object(commonTags.merging([
                        "task": .string(task), "node": .string(vertex.name), "type": .string(execution.type.rawValue),
                        "kind": .string(vertex.kind),
                    ]) { $1 }),
                    "values": .object([
                        "avg_exec_time_ns": .int(execution.nodes[index].averageExecutionTime),
                        "errors": .int(execution.nodes[index].errors),
                        "working_cardinality": .int(Int64(execution.cardinalities[index])),
                        "collected": .int(execution.nodes[index].processed),
                        "emitted": .int(execution.nodes[index].emitted),
                    ]),
                ])
            }
        }
        for statistic in serviceStatistics() {
            let key = ([statistic.name] + statistic.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: ":")
            statistics[key] = .object([
                "name": .string(statistic.name),
                "tags": .object(commonTags.merging(statistic.tags.mapValues(JSONValue.string)) { $1 }),
                "values": .object(statistic.values.mapValues(JSONValue.int)),
            ])
        }
        let body: [String: JSONValue] = [
            "cluster_id": .string(identity.clusterID),
            "server_id": .string(identity.serverID),
            "host": .string(identity.hostname),
            "product": .string("kapacitor"),
            "platform": .string("OSS"),
            "version": .string(ServerIdentity.version),
            "num_tasks": .int(Int64(counts.tasks)),
            "num_enabled_tasks": .int(Int64(counts.enabled)),
            "num_subscriptions": .int(Int64(subscriptionCount())),
            "kapacitor": .object(statistics),
            "cmdline": .array(CommandLine.arguments.map(JSONValue.string)),
            "memstats": .object(["Sys": .int(Self.residentBytes())]),
        ]
        return JSONBody.response(.ok, body)
    }

    private var commonTags: [String: JSONValue] {
        ["cluster_id": .string(identity.clusterID), "server_id": .string(identity.serverID), "host": .string(identity.hostname)]
    }

    /// The process's resident memory in bytes, from `/proc/self/statm` (0 where there is none).
    static func residentBytes() -> Int64 {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, Int32(line.count), file) != nil else { return 0 }
        let fields = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int64(fields[1]) else { return 0 }
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
    }
}
