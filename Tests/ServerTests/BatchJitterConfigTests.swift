import Server
import Testing

@Suite struct BatchJitterConfigTests {
    @Test func batchJitterIsATaskDurationOffByDefault() throws {
        #expect(Config(defaultsOf: .kapacitor).duration("task", "batch-jitter") == 0)
        let config = try Config.load(path: "k.conf", contents: "[task]\n  batch-jitter = \"30s\"\n")
        #expect(config.warnings.isEmpty)
        #expect(config.duration("task", "batch-jitter") == 30_000_000_000)
        let overridden = try Config.load(path: nil, environment: ["KAPACITOR_TASK_BATCH_JITTER": "1m"])
        #expect(overridden.duration("task", "batch-jitter") == 60_000_000_000)
    }
}
