import Foundation
import AlertHandlers
import Models
import Server
import Testing
import TestPeers

/// Polls `body` until it returns a value (a running task works in its own Swift Task).
func eventually<T: Sendable>(_ body: () async throws -> T?) async throws -> T? {
    for _ in 0..<500 {
        if let value = try await body() { return value }
        try await Task.sleep(for: .milliseconds(10))
    }
    return nil
}

@Suite struct RunningTaskTests {
    let windowTask = """
    {"id":"win","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
     "script":"stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|httpOut('out')"}
    """

    @Test func httpOutServesTheLatestWindowOfEachGroup() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", windowTask).status == .ok)
            let (empty, none, _) = try await client.call(.get, "/kapacitor/v1/tasks/win/out")
            #expect(empty == .ok && none == #"{"series":null}"#)
            let lines = "cpu,host=a v=1 0\ncpu,host=b v=2 5000000000\ncpu,host=a v=3 10000000000\ncpu,host=b v=4 16000000000\n"
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", lines).status == .noContent)
            let body = try await eventually { () async throws -> String? in
                let (_, text, _) = try await client.call(.get, "/kapacitor/v1/tasks/win/out")
                return text.contains("\"b\"") ? text : nil
            }
            #expect(body == """
            {"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],"values":[["1970-01-01T00:00:00Z",1]]},\
            {"name":"cpu","tags":{"host":"b"},"columns":["time","v"],"values":[["1970-01-01T00:00:05Z",2]]}]}
            """)
            #expect(try await client.call(.get, "/kapacitor/v1/tasks/win/nothing").status == .notFound)
        }
    }

    @Test func aTaskThatCannotRunKeepsItsError() async throws {
        let directory = TemporaryDirectory()
        let task = """
        {"id":"bad","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
         "script":"stream|from()|window()|httpOut('out')"}
        """
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let (status, error) = try await client.json(.post, "/kapacitor/v1/tasks", task)
            #expect(status == .internalServerError)
            #expect(error["error"] as? String == "window2: window node must have either a non zero period or non zero period count")
            let (_, stored) = try await client.json(.get, "/kapacitor/v1/tasks/bad")
            #expect(stored["executing"] as? Bool == false)
            #expect(stored["error"] as? String == "window2: window node must have either a non zero period or non zero period count")
        }
    }
}

@Suite struct HTTPPostNodeTests {
    @Test func postsEachPointAndStoresTheStatus() async throws {
        let receiver = HTTPRecorder(status: .accepted)
        try await receiver.serving { url async throws in
            let directory = TemporaryDirectory()
            let task = """
            {"id":"post","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
             "script":"stream|from().measurement('cpu')|httpPost('\(url)/hook').header('X-Test', 'yes').codeField('code')|httpOut('out')"}
            """
            try await withDaemon(try testConfig(directory)) { client, _ async throws in
                #expect(try await client.call(.post, "/kapacitor/v1/tasks", task).status == .ok)
                #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=a v=1 1000000000\n").status == .noContent)
                let out = try await eventually { () async throws -> String? in
                    let (_, text, _) = try await client.call(.get, "/kapacitor/v1/tasks/post/out")
                    return text.contains("code") ? text : nil
                }
                #expect(out == """
                {"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","code","v"],"values":[["1970-01-01T00:00:01Z",202,1]]}]}
                """)
            }
        }
        #expect(receiver.bodies == [
            "{\"series\":[{\"name\":\"cpu\",\"tags\":{\"host\":\"a\"},\"columns\":[\"time\",\"v\"],\"values\":[[\"1970-01-01T00:00:01Z\",1]]}]}\n",
        ])
    }
}

extension HTTPPostNodeTests {
    @Test func anEndpointsURLTemplateBasicAuthHeadersAndRowTemplateShapeThePost() async throws {
        let receiver = HTTPRecorder()
        try await receiver.serving { url async throws in
            let directory = TemporaryDirectory()
            let config = try testConfig(directory, extra: """
                [[httppost]]
                  endpoint = "hook"
                  url = '\(url)/{{ .Name }}/{{ index .Tags "host" }}'
                  headers = { X-From = "endpoint", X-Both = "endpoint" }
                  basic-auth = { username = "kap", password = "s3cret" }
                  row-template = '{{ .Name }}:{{ range .Values }} {{ index . "v" }}@{{ index . "time" }}{{ end }}'
                """)
            let task = """
            {"id":"post","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
             "script":"stream|from().measurement('cpu')|httpPost().endpoint('hook').header('X-Both', 'node')"}
            """
            try await withDaemon(config) { client, _ async throws in
                #expect(try await client.call(.post, "/kapacitor/v1/tasks", task).status == .ok)
                #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=a v=1.5 1000000000\n").status == .noContent)
                _ = try await eventually { receiver.single }
            }
        }
        let request = try #require(receiver.single)
        #expect(request.path == "/cpu/a")
        #expect(request.body == "cpu: 1.5@1970-01-01 00:00:01 +0000 UTC")
        #expect(request.headers["authorization"] == "Basic a2FwOnMzY3JldA==")
        #expect(request.headers["x-from"] == "endpoint")
        #expect(request.headers["x-both"] == "node")
        #expect(request.headers["content-type"] == nil)
    }

    @Test func anUnreadableRowTemplateFileStopsTheDaemon() throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory, extra: """
            [[httppost]]
              endpoint = "hook"
              url = "http://127.0.0.1:1"
              row-template-file = "\(directory.path)/missing.tmpl"
            """)
        #expect { try Daemon(config: config, logger: quietLogger) } throws: {
            "\($0)" == "[[httppost]] endpoint hook: cannot read row-template-file \"\(directory.path)/missing.tmpl\""
        }
    }
}

@Suite struct LoopbackTests {
    @Test func loopbackPointsReachOtherTasks() async throws {
        let directory = TemporaryDirectory()
        let writer = """
        {"id":"writer","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
         "script":"stream|from().measurement('cpu')|eval(lambda: \\"v\\" * 2.0).as('double')|kapacitorLoopback().database('derived').retentionPolicy('autogen').measurement('cpu2').tag('source', 'loop')"}
        """
        let reader = """
        {"id":"reader","type":"stream","dbrps":[{"db":"derived","rp":"autogen"}],"status":"enabled",
         "script":"stream|from().measurement('cpu2')|httpOut('out')"}
        """
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", reader).status == .ok)
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", writer).status == .ok)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=a v=1.5 1000000000\n").status == .noContent)
            let out = try await eventually { () async throws -> String? in
                let (_, text, _) = try await client.call(.get, "/kapacitor/v1/tasks/reader/out")
                return text.contains("double") ? text : nil
            }
            #expect(out == """
            {"series":[{"name":"cpu2","tags":{"host":"a","source":"loop"},"columns":["time","double"],"values":[["1970-01-01T00:00:01Z",3]]}]}
            """)
        }
    }
}

@Suite struct AlertHandlerWiringTests {
    @Test func aLogHandlerReceivesTheAlertsOfItsNode() async throws {
        let directory = TemporaryDirectory()
        let file = directory.path + "/alerts.log"
        let task = """
        {"id":"cpu","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
         "script":"stream|from().measurement('cpu')|alert().id('cpu:{{ index .Tags \\"host\\" }}').crit(lambda: \\"v\\" > 90).log('\(file)')"}
        """
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", task).status == .ok)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=a v=95 1000000000\n").status == .noContent)
            let line = try await eventually { () async throws -> String? in
                (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { $0.isEmpty ? nil : $0 }
            }
            // The cluster and server IDs are the store's random UUIDs.
            let uuid = #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#
            #expect(line?.replacingOccurrences(of: uuid, with: "UUID", options: .regularExpression) == """
            {"id":"cpu:a","message":"cpu:a is CRITICAL","details":"{\\u0026#34;Name\\u0026#34;:\\u0026#34;cpu\\u0026#34;,\\u0026#34;TaskName\\u0026#34;:\\u0026#34;cpu\\u0026#34;,\\u0026#34;Group\\u0026#34;:\\u0026#34;nil\\u0026#34;,\\u0026#34;Tags\\u0026#34;:{\\u0026#34;host\\u0026#34;:\\u0026#34;a\\u0026#34;},\\u0026#34;ServerInfo\\u0026#34;:{\\u0026#34;Hostname\\u0026#34;:\\u0026#34;testhost\\u0026#34;,\\u0026#34;ClusterID\\u0026#34;:\\u0026#34;UUID\\u0026#34;,\\u0026#34;ServerID\\u0026#34;:\\u0026#34;UUID\\u0026#34;},\\u0026#34;ID\\u0026#34;:\\u0026#34;cpu:a\\u0026#34;,\\u0026#34;Fields\\u0026#34;:{\\u0026#34;v\\u0026#34;:95},\\u0026#34;Level\\u0026#34;:\\u0026#34;CRITICAL\\u0026#34;,\\u0026#34;Time\\u0026#34;:\\u0026#34;1970-01-01T00:00:01Z\\u0026#34;,\\u0026#34;Duration\\u0026#34;:0,\\u0026#34;Message\\u0026#34;:\\u0026#34;cpu:a is CRITICAL\\u0026#34;}\\n","time":"1970-01-01T00:00:01Z","duration":0,"level":"CRITICAL","data":{"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],"values":[["1970-01-01T00:00:01Z",95]]}]},"previousLevel":"OK","recoverable":true}

            """)
        }
    }
}
