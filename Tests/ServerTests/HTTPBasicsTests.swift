import HTTPTypes
import HummingbirdTesting
import Server
import Testing

@Suite struct HTTPBasicsTests {
    @Test func pingAnswersGetAndHeadWithVersionHeader() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            for method in [HTTPRequest.Method.get, .head] {
                let response = try await client.call(method, "/kapacitor/v1/ping")
                #expect(response.status == .noContent)
                #expect(response.body.isEmpty)
                #expect(response.headers[HTTPField.Name("X-Kapacitor-Version")!]?.hasPrefix("1.8") == true)
                #expect(response.headers[HTTPField.Name("Request-Id")!]?.count == 36)
            }
        }
    }

    @Test func previewPathsFallBackToV1() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.get, "/kapacitor/v1preview/ping").status == .noContent)
            let (status, body) = try await client.json(.get, "/kapacitor/v1preview/tasks")
            #expect(status == .ok)
            #expect((body["tasks"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func unknownPathIsJSON404() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let response = try await client.call(.get, "/kapacitor/v1/nothing/here")
            #expect(response.status == .notFound)
            #expect(response.body == #"{"error":"Not Found","message":"Not Found"}"#)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let response = try await client.call(.put, "/kapacitor/v1/tasks")
            #expect(response.status == .methodNotAllowed)
            #expect(response.body == #"{"error":"Method Not Allowed","message":"Method Not Allowed"}"#)
            #expect(response.headers[.allow] == "GET, POST")
            #expect(try await client.call(.delete, "/write").headers[.allow] == "POST")
        }
    }

    @Test func debugVarsHasKapacitorShape() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let (status, vars) = try await client.json(.get, "/kapacitor/v1/debug/vars")
            #expect(status == .ok)
            #expect(vars["host"] as? String == "testhost")
            #expect(vars["product"] as? String == "kapacitor")
            #expect((vars["cluster_id"] as? String)?.count == 36)
            #expect((vars["server_id"] as? String)?.count == 36)
            #expect(vars["num_tasks"] as? Int == 0)
            #expect(vars["num_enabled_tasks"] as? Int == 0)
            #expect(vars["kapacitor"] is [String: Any])
            #expect(vars["cmdline"] is [Any])
        }
    }
}
