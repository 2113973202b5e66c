import HummingbirdTesting
import Server
import Testing

@Suite struct PersistenceTests {
    @Test func restartKeepsTasksAndReenablesTheEnabledOnes() async throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory)
        let identity = try await withDaemon(config) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", streamTask).status == .ok)
            let disabled = #"{"id":"idle","type":"batch","dbrps":[{"db":"d","rp":"r"}],"script":"batch"}"#
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", disabled).status == .ok)
            let (_, vars) = try await client.json(.get, "/kapacitor/v1/debug/vars")
            return vars["cluster_id"] as? String
        }
        try await withDaemon(config) { client, _ async throws in
            let (_, running) = try await client.json(.get, "/kapacitor/v1/tasks/cpu_alert")
            #expect(running["executing"] as? Bool == true)
            #expect(running["status"] as? String == "enabled")
            #expect(((running["vars"] as? [String: Any])?["crit"]) != nil)
            let (_, idle) = try await client.json(.get, "/kapacitor/v1/tasks/idle")
            #expect(idle["executing"] as? Bool == false)
            #expect(idle["type"] as? String == "batch")
            let (_, vars) = try await client.json(.get, "/kapacitor/v1/debug/vars")
            #expect(vars["cluster_id"] as? String == identity)
            #expect(vars["num_enabled_tasks"] as? Int == 1)
        }
    }
}
