import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Server
import Testing

let streamTask = """
{"id":"cpu_alert","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],
 "script":"stream\\n    |from()\\n        .measurement('cpu')\\n","status":"enabled",
 "vars":{"crit":{"type":"int","value":90,"description":"threshold"}}}
"""

@Suite struct TaskAPITests {
    @Test func createGetPatchDeleteRoundTrip() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock(1_772_540_891_123_456_789)
        try await withDaemon(try testConfig(directory), clock: clock) { client, _ async throws in
            let (status, created) = try await client.json(.post, "/kapacitor/v1/tasks", streamTask)
            #expect(status == .ok)
            #expect(created["id"] as? String == "cpu_alert")
            #expect(created["type"] as? String == "stream")
            #expect(created["status"] as? String == "enabled")
            #expect(created["executing"] as? Bool == true)
            #expect(created["template-id"] as? String == "")
            #expect(created["dot"] as? String == """
            digraph cpu_alert {
            graph [throughput="0.00 points/s"];

            stream0 [avg_exec_time_ns="0s" errors="0" working_cardinality="0" ];
            stream0 -> from1 [processed="0"];

            from1 [avg_exec_time_ns="0s" errors="0" working_cardinality="0" ];
            }
            """)
            #expect(created["error"] as? String == "")
            #expect(created["created"] as? String == "2026-03-03T12:28:11.123456789Z")
            #expect(created["last-enabled"] as? String == "2026-03-03T12:28:11.123456789Z")
            #expect((created["link"] as? [String: String]) == ["rel": "self", "href": "/kapacitor/v1/tasks/cpu_alert"])
            #expect((created["dbrps"] as? [[String: String]]) == [["db": "telegraf", "rp": "autogen"]])
            let vars = created["vars"] as? [String: [String: Any]]
            #expect(vars?["crit"]?["value"] as? Int == 90)

            clock.advance(by: 1_000_000_000)
            let (patchStatus, patched) = try await client.json(
                .patch, "/kapacitor/v1/tasks/cpu_alert", #"{"status":"disabled","script":"stream|from()"}"#)
            #expect(patchStatus == .ok)
            #expect(patched["status"] as? String == "disabled")
            #expect(patched["executing"] as? Bool == false)
            #expect(patched["script"] as? String == "stream\n    |from()\n")
            #expect(patched["modified"] as? String == "2026-03-03T12:28:12.123456789Z")
            #expect(patched["created"] as? String == "2026-03-03T12:28:11.123456789Z")
            #expect((patched["stats"] as? [String: Any])?.isEmpty == true)
            #expect(((patched["vars"] as? [String: Any])?["crit"]) != nil)

            let (_, fetched) = try await client.json(.get, "/kapacitor/v1/tasks/cpu_alert")
            #expect(fetched["status"] as? String == "disabled")

            #expect(try await client.call(.delete, "/kapacitor/v1/tasks/cpu_alert").status == .noContent)
            #expect(try await client.call(.delete, "/kapacitor/v1/tasks/cpu_alert").status == .noContent)
            let missing = try await client.json(.get, "/kapacitor/v1/tasks/cpu_alert")
            #expect(missing.0 == .notFound)
            #expect(missing.1["error"] as? String == "no task exists")
        }
    }

    @Test func neverEnabledTaskHasZeroLastEnabled() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let body = #"{"id":"t","dbrps":[{"db":"d","rp":"r"}],"script":"batch|query('SELECT 1')"}"#
            let (_, task) = try await client.json(.post, "/kapacitor/v1/tasks", body)
            #expect(task["last-enabled"] as? String == "0001-01-01T00:00:00Z")
            #expect(task["status"] as? String == "disabled")
            #expect(task["type"] as? String == "batch")
        }
    }

    @Test func createErrors() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let cases: [(String, String)] = [
                ("{", "invalid JSON"),
                (#"{"id":"x","type":"nonsense"}"#, "invalid JSON"),
                (#"{"id":"a b","type":"stream","dbrps":[{"db":"d","rp":"r"}],"script":"stream"}"#,
                 "task ID must contain only letters, numbers, '-', '.' and '_'. \"a b\""),
                (#"{"id":"x","type":"stream","dbrps":[{"db":"d","rp":"r"}]}"#, "must provide TICKscript"),
                (#"{"id":"x","type":"stream","script":"stream"}"#, "must specify dbrp"),
            ]
            for (body, message) in cases {
                let (status, error) = try await client.json(.post, "/kapacitor/v1/tasks", body)
                #expect(status == .badRequest, "\(body)")
                #expect(error["error"] as? String == message)
            }
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", streamTask).status == .ok)
            let (status, error) = try await client.json(.post, "/kapacitor/v1/tasks", streamTask)
            #expect(status == .badRequest)
            #expect(error["error"] as? String == "task cpu_alert already exists")
            let (patchStatus, patchError) = try await client.json(.patch, "/kapacitor/v1/tasks/nope", #"{"status":"enabled"}"#)
            #expect(patchStatus == .notFound)
            #expect(patchError["error"] as? String == "task does not exist, cannot update")
        }
    }

    @Test func generatedIDWhenNoneIsGiven() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let (status, task) = try await client.json(
                .post, "/kapacitor/v1/tasks", #"{"type":"stream","dbrps":[{"db":"d","rp":"r"}],"script":"stream"}"#)
            #expect(status == .ok)
            #expect((task["id"] as? String)?.count == 36)
        }
    }

    @Test func listFiltersPagesAndFields() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            for id in ["cpu_b", "cpu_a", "mem", "disk"] {
                let body = #"{"id":"\#(id)","type":"stream","dbrps":[{"db":"d","rp":"r"}],"script":"stream"}"#
                #expect(try await client.call(.post, "/kapacitor/v1/tasks", body).status == .ok)
            }
            func ids(_ query: String) async throws -> [String] {
                let (_, body) = try await client.json(.get, "/kapacitor/v1/tasks" + query)
                return (body["tasks"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await ids("") == ["cpu_a", "cpu_b", "disk", "mem"])
            #expect(try await ids("?pattern=cpu_*") == ["cpu_a", "cpu_b"])
            #expect(try await ids("?pattern=&offset=0&limit=100") == ["cpu_a", "cpu_b", "disk", "mem"])
            #expect(try await ids("?offset=1&limit=2") == ["cpu_b", "disk"])
            #expect(try await ids("?offset=100&limit=100") == [])

            let (_, narrowed) = try await client.json(.get, "/kapacitor/v1/tasks?fields=status&pattern=mem")
            let task = try #require((narrowed["tasks"] as? [[String: Any]])?.first)
            #expect(Set(task.keys) == ["id", "link", "status"])

            let (_, full) = try await client.json(.get, "/kapacitor/v1/tasks?pattern=mem")
            let entry = try #require((full["tasks"] as? [[String: Any]])?.first)
            #expect(entry["template-id"] == nil)
            #expect(entry["stats"] is NSNull)

            let (status, error) = try await client.json(.get, "/kapacitor/v1/tasks?fields=bogus")
            #expect(status == .badRequest)
            #expect(error["error"] as? String == "unsupported field \"bogus\"")
            let (offsetStatus, offsetError) = try await client.json(.get, "/kapacitor/v1/tasks?offset=abc")
            #expect(offsetStatus == .badRequest)
            #expect(offsetError["error"] as? String
                == "invalid offset parameter \"abc\" must be an integer: strconv.ParseInt: parsing \"abc\": invalid syntax")
        }
    }

    @Test func renameKeepsTheTaskRunning() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", streamTask).status == .ok)
            let (status, renamed) = try await client.json(.patch, "/kapacitor/v1/tasks/cpu_alert", #"{"id":"cpu_alert_2"}"#)
            #expect(status == .ok)
            #expect(renamed["id"] as? String == "cpu_alert_2")
            #expect(renamed["executing"] as? Bool == true)
            #expect(try await client.call(.get, "/kapacitor/v1/tasks/cpu_alert").status == .notFound)
        }
    }

    @Test func enabledTaskCountsDeliveredPoints() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", streamTask).status == .ok)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu v=1\ncpu v=2\n").status == .noContent)
            #expect(try await client.call(.post, "/write?db=other&rp=autogen", "cpu v=1\n").status == .noContent)
            // The task's graph runs in its own Swift Task: wait for it to take the points.
            var collected: Int?
            for _ in 0..<500 where collected != 2 {
                let (_, task) = try await client.json(.get, "/kapacitor/v1/tasks/cpu_alert")
                let nodes = (task["stats"] as? [String: Any])?["node-stats"] as? [String: [String: Any]]
                collected = nodes?["stream0"]?["collected"] as? Int
                if collected != 2 { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(collected == 2)
            let (_, debug) = try await client.json(.get, "/kapacitor/v1/debug/vars")
            let node = (debug["kapacitor"] as? [String: Any])?["nodes:cpu_alert:from1"] as? [String: Any]
            #expect((node?["tags"] as? [String: String])?["kind"] == "from")
            #expect((node?["values"] as? [String: Any])?["collected"] as? Int == 2)
            let (_, vars) = try await client.json(.get, "/kapacitor/v1/debug/vars")
            #expect(vars["num_tasks"] as? Int == 1)
            #expect(vars["num_enabled_tasks"] as? Int == 1)
        }
    }

    @Test func scriptsAreParsedTypedAndFormatted() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let bad = #"{"id":"bad","type":"stream","dbrps":[{"db":"d","rp":"r"}],"script":"stream|from("}"#
            let (badStatus, badError) = try await client.json(.post, "/kapacitor/v1/tasks", bad)
            #expect(badStatus == .badRequest)
            #expect(badError["error"] as? String == #"invalid TICKscript: parser: unexpected EOF line 1 char 13 in "ream|from(". expected: "number","string","duration","identifier","TRUE","FALSE","==","(","-","!""#)

            let implicit = #"{"id":"implicit","type":"stream","script":"dbrp \"telegraf\".\"autogen\"\nbatch|query('SELECT 1').every(1m)"}"#
            let (status, task) = try await client.json(.post, "/kapacitor/v1/tasks", implicit)
            #expect(status == .ok)
            #expect(task["type"] as? String == "batch")
            #expect((task["dbrps"] as? [[String: String]]) == [["db": "telegraf", "rp": "autogen"]])
            #expect(task["script"] as? String == "dbrp \"telegraf\".\"autogen\"\n\nbatch\n    |query('SELECT 1')\n        .every(1m)\n")
            let (_, raw) = try await client.json(.get, "/kapacitor/v1/tasks/implicit?script-format=raw")
            #expect(raw["script"] as? String == "dbrp \"telegraf\".\"autogen\"\nbatch|query('SELECT 1').every(1m)")

            let both = #"{"id":"both","dbrps":[{"db":"d","rp":"r"}],"script":"dbrp \"a\".\"b\"\nstream"}"#
            let (bothStatus, bothError) = try await client.json(.post, "/kapacitor/v1/tasks", both)
            #expect(bothStatus == .badRequest)
            #expect(bothError["error"] as? String == "cannot specify dbrp in both implicitly and explicitly")

            let mixed = #"{"id":"mixed","dbrps":[{"db":"d","rp":"r"}],"script":"stream\nbatch"}"#
            let (mixedStatus, mixedError) = try await client.json(.post, "/kapacitor/v1/tasks", mixed)
            #expect(mixedStatus == .badRequest)
            #expect(mixedError["error"] as? String == "invalid task type: invalid")

            let (formatStatus, formatError) = try await client.json(.get, "/kapacitor/v1/tasks/implicit?script-format=pretty")
            #expect(formatStatus == .badRequest)
            #expect(formatError["error"] as? String == "invalid script-format parameter \"pretty\"")
        }
    }
}
