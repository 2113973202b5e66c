import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Server
import Testing

let templateTick = """
// Which measurement to consume
var measurement string
// How much data to window
var window = 5m
var crit = 90

stream
    |from()
        .measurement(measurement)
    |window()
        .period(window)
        .every(window)
    |alert()
        .crit(lambda: "value" > crit)

"""

let templateDot = "digraph tpl {\nstream0 -> from1;\nfrom1 -> window2;\nwindow2 -> alert3;\n}"

/// A JSON body from a dictionary.
func body(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

func templatedTask(_ id: String, vars: [String: Any], status: String = "disabled") throws -> String {
    try body([
        "id": id, "template-id": "tpl", "status": status, "dbrps": [["db": "telegraf", "rp": "autogen"]], "vars": vars,
    ])
}

/// Vars for `templateTick`: a measurement and a one-minute window written as a duration string.
var cpuVars: [String: Any] {
    ["measurement": ["type": "string", "value": "cpu"], "window": ["type": "duration", "value": "1m"]]
}

@Suite struct TemplateAPITests {
    @Test func createGetListDelete() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock(1_772_540_891_123_456_789)
        try await withDaemon(try testConfig(directory), clock: clock) { client, _ async throws in
            let (status, created) = try await client.json(.post, "/kapacitor/v1/templates", try body(["id": "tpl", "script": templateTick]))
            #expect(status == .ok)
            #expect(created["type"] as? String == "stream")
            #expect(created["dot"] as? String == templateDot)
            #expect(created["error"] as? String == "")
            #expect(created["created"] as? String == "2026-03-03T12:28:11.123456789Z")
            #expect((created["link"] as? [String: String]) == ["rel": "self", "href": "/kapacitor/v1/templates/tpl"])
            let vars = try #require(created["vars"] as? [String: [String: Any]])
            #expect(vars["measurement"]?["type"] as? String == "string")
            #expect(vars["measurement"]?["value"] is NSNull)
            #expect(vars["measurement"]?["description"] as? String == "Which measurement to consume")
            #expect(vars["window"]?["type"] as? String == "duration")
            #expect(vars["crit"]?["type"] as? String == "int")

            let raw = try await client.call(.get, "/kapacitor/v1/templates/tpl").body
            #expect(raw.contains(#""value":300000000000"#))
            #expect(raw.contains(#""value":90,"#) || raw.contains(#""value":90}"#))

            let (_, list) = try await client.json(.get, "/kapacitor/v1/templates?pattern=t*")
            let entry = try #require((list["templates"] as? [[String: Any]])?.first)
            #expect(Set(entry.keys) == ["link", "id", "type", "script", "dot", "error", "created", "modified"])
            let (_, narrowed) = try await client.json(.get, "/kapacitor/v1/templates?fields=vars")
            let narrowedEntry = try #require((narrowed["templates"] as? [[String: Any]])?.first)
            #expect(Set(narrowedEntry.keys) == ["link", "id", "vars"])
            let (_, empty) = try await client.json(.get, "/kapacitor/v1/templates?offset=1")
            #expect((empty["templates"] as? [Any])?.isEmpty == true)

            #expect(try await client.call(.delete, "/kapacitor/v1/templates/tpl").status == .noContent)
            #expect(try await client.call(.delete, "/kapacitor/v1/templates/tpl").status == .noContent)
            let (missing, error) = try await client.json(.get, "/kapacitor/v1/templates/tpl")
            #expect(missing == .notFound)
            #expect(error["error"] as? String == "no template exists")
        }
    }

    @Test func templateErrors() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/templates", try body(["id": "tpl", "script": templateTick])).status == .ok)
            let cases: [(HTTPRequest.Method, String, String, HTTPResponse.Status, String)] = [
                (.post, "/kapacitor/v1/templates", try body(["id": "tpl", "script": templateTick]), .badRequest,
                 "template tpl already exists"),
                (.post, "/kapacitor/v1/templates", try body(["id": "a b", "script": "stream"]), .badRequest,
                 "template ID must contain only letters, numbers, '-', '.' and '_'. \"a b\""),
                (.post, "/kapacitor/v1/templates", try body(["id": "x", "script": "var x = 1"]), .badRequest,
                 "invalid task type: invalid"),
                (.post, "/kapacitor/v1/templates", try body(["id": "x", "script": "var x number\nstream"]), .badRequest,
                 "invalid TICKscript: invalid var type \"number\""),
                (.patch, "/kapacitor/v1/templates/nope", "{}", .notFound, "template does not exist, cannot update"),
                (.post, "/kapacitor/v1/tasks", try body(["id": "t", "template-id": "nope"]), .badRequest,
                 "unknown template nope: err: no template exists"),
                (.post, "/kapacitor/v1/tasks", try templatedTask("t", vars: [:]), .badRequest,
                 "invalid TICKscript: missing value for var \"measurement\"."),
                (.post, "/kapacitor/v1/tasks", try templatedTask("t", vars: [
                    "measurement": ["type": "string", "value": "cpu"], "window": ["type": "string", "value": "1m"],
                ]), .badRequest, "invalid TICKscript: invalid type supplied for window, got string exp duration"),
                (.post, "/kapacitor/v1/tasks", try templatedTask("t", vars: ["crit": ["type": "int", "value": "90"]]),
                 .badRequest, "invalid JSON"),
                (.post, "/kapacitor/v1/tasks", try templatedTask("t", vars: ["crit": ["type": "int", "value": NSNull()]]),
                 .badRequest, "invalid var crit: unsupported Var type <nil>."),
            ]
            for (method, path, requestBody, expected, message) in cases {
                let (status, error) = try await client.json(method, path, requestBody)
                #expect(status == expected, "\(requestBody)")
                #expect(error["error"] as? String == message)
            }
        }
    }

    @Test func taskFromTemplate() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/templates", try body(["id": "tpl", "script": templateTick])).status == .ok)
            let (status, task) = try await client.json(.post, "/kapacitor/v1/tasks", try templatedTask("cpu", vars: cpuVars))
            #expect(status == .ok)
            #expect(task["template-id"] as? String == "tpl")
            #expect(task["type"] as? String == "stream")
            #expect((task["script"] as? String)?.contains(".measurement(measurement)") == true)
            #expect(task["dot"] as? String == templateDot.replacingOccurrences(of: "tpl", with: "cpu"))
            let vars = try #require(task["vars"] as? [String: [String: Any]])
            #expect(Set(vars.keys) == ["measurement", "window"])
            #expect(vars["window"]?["value"] as? Int == 60_000_000_000)
            let (_, listed) = try await client.json(.get, "/kapacitor/v1/tasks?fields=template-id")
            #expect((listed["tasks"] as? [[String: Any]])?.first?["template-id"] as? String == "tpl")

            let (patchStatus, patched) = try await client.json(
                .patch, "/kapacitor/v1/tasks/cpu", try body(["vars": ["measurement": ["type": "string", "value": "mem"]]]))
            #expect(patchStatus == .ok)
            #expect(((patched["vars"] as? [String: Any])?.keys).map(Set.init) == ["measurement"])
        }
    }

    @Test func updatingATemplateRerendersItsTasks() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/templates", try body(["id": "tpl", "script": templateTick])).status == .ok)
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", try templatedTask("a", vars: cpuVars, status: "enabled")).status == .ok)
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", try templatedTask("b", vars: cpuVars)).status == .ok)

            let logged = templateTick + "    |log()\n"
            let (status, updated) = try await client.json(.patch, "/kapacitor/v1/templates/tpl", try body(["script": logged]))
            #expect(status == .ok)
            #expect((updated["dot"] as? String)?.contains("alert3 -> log4;") == true)
            for id in ["a", "b"] {
                let (_, task) = try await client.json(.get, "/kapacitor/v1/tasks/\(id)?script-format=raw")
                #expect(task["script"] as? String == logged)
                // An executing task's DOT carries statistics: `alert3 -> log4 [processed="0"];`.
                #expect((task["dot"] as? String)?.contains("alert3 -> log4") == true)
                #expect(task["executing"] as? Bool == (id == "a"))
            }

            let broken = "var extra int\n" + templateTick
            let (failed, error) = try await client.json(.patch, "/kapacitor/v1/templates/tpl", try body(["script": broken]))
            #expect(failed == .internalServerError)
            #expect(error["error"] as? String
                == "error reloading associated task a: invalid TICKscript: missing value for var \"extra\".")
            let (_, template) = try await client.json(.get, "/kapacitor/v1/templates/tpl?script-format=raw")
            #expect(template["script"] as? String == logged)
            let (_, task) = try await client.json(.get, "/kapacitor/v1/tasks/b?script-format=raw")
            #expect(task["script"] as? String == logged)

            let (renamed, renamedTemplate) = try await client.json(.patch, "/kapacitor/v1/templates/tpl", try body(["id": "tpl2"]))
            #expect(renamed == .ok)
            #expect(renamedTemplate["id"] as? String == "tpl2")
            let (_, renamedTask) = try await client.json(.get, "/kapacitor/v1/tasks/a")
            #expect(renamedTask["template-id"] as? String == "tpl2")
        }
    }

    @Test func templatesAndTheirTasksSurviveARestart() async throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory)
        try await withDaemon(config) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/templates", try body(["id": "tpl", "script": templateTick])).status == .ok)
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", try templatedTask("a", vars: cpuVars, status: "enabled")).status == .ok)
        }
        try await withDaemon(config) { client, _ async throws in
            let (status, template) = try await client.json(.get, "/kapacitor/v1/templates/tpl?script-format=raw")
            #expect(status == .ok)
            #expect(template["script"] as? String == templateTick)
            let (_, task) = try await client.json(.get, "/kapacitor/v1/tasks/a")
            #expect(task["executing"] as? Bool == true)
            #expect(task["template-id"] as? String == "tpl")
            #expect(((task["vars"] as? [String: [String: Any]])?["window"]?["value"]) as? Int == 60_000_000_000)
            let (patched, _) = try await client.json(.patch, "/kapacitor/v1/templates/tpl", try body(["script": templateTick + "    |log()\n"]))
            #expect(patched == .ok)
            let (_, reloaded) = try await client.json(.get, "/kapacitor/v1/tasks/a")
            #expect((reloaded["dot"] as? String)?.contains("log4") == true)
        }
    }
}
