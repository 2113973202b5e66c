import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Server
import Testing
import TestPeers

/// GET `/kapacitor/v1preview/logs`: a client follows the log lines that match its query.
@Suite struct LogStreamTests {
    let tasks = [
        #"{"id":"a","type":"stream","dbrps":[{"db":"db","rp":"autogen"}],"status":"enabled","script":"stream|from().measurement('a')|log().prefix('A')"}"#,
        #"{"id":"b","type":"stream","dbrps":[{"db":"db","rp":"autogen"}],"status":"enabled","script":"stream|from().measurement('b')|log().prefix('B')"}"#,
    ]

    /// The first line `path` streams while points of both tasks are written.
    func firstLine(_ path: String, accept: String?) async throws -> (contentType: String?, line: String) {
        let directory = TemporaryDirectory()
        let daemon = try Daemon(config: try testConfig(directory), logger: quietLogger)
        defer { daemon.taskMaster.stop() }
        let port = FreePort.next()
        let base = "http://127.0.0.1:\(port)"
        let client = HTTPClient.shared
        func call(_ method: HTTPMethod, _ path: String, _ body: String = "") async throws -> UInt {
            var request = HTTPClientRequest(url: base + path)
            request.method = method
            request.body = .bytes(ByteBuffer(string: body))
            return try await client.execute(request, timeout: .seconds(10)).status.code
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await daemon.application(port: port).runService() }
            defer { group.cancelAll() }
            _ = try await eventually { (try? await call(.GET, "/kapacitor/v1/ping")) == 204 ? true : nil }
            for task in tasks { #expect(try await call(.POST, "/kapacitor/v1/tasks", task) == 200) }
            group.addTask {
                for second in 1...200 {
                    _ = try await call(.POST, "/write?db=db&rp=autogen", "b v=1 \(second)000000000\na v=1 \(second)000000000\n")
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            var request = HTTPClientRequest(url: base + path)
            if let accept { request.headers.add(name: "Accept", value: accept) }
            let response = try await client.execute(request, timeout: .seconds(10))
            #expect(response.status == .ok)
            var text = ""
            for try await chunk in response.body {
                text += String(buffer: chunk)
                if let end = text.firstIndex(of: "\n") { return (response.headers.first(name: "Content-Type"), String(text[..<end])) }
            }
            return (response.headers.first(name: "Content-Type"), text)
        }
    }

    @Test func aFollowerGetsItsTasksLinesAsJSON() async throws {
        let (contentType, line) = try await firstLine("/kapacitor/v1preview/logs?task=a", accept: "application/json")
        #expect(contentType == "application/json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["task"] == "a")
        #expect(object["lvl"] == "info")
        #expect(object["msg"]?.contains("A") == true)
        #expect(object["ts"]?.hasSuffix("Z") == true && object["ts"]?.count == 24)
    }

    @Test func logfmtIsTheDefaultAndLevelsFilter() async throws {
        let (contentType, line) = try await firstLine("/kapacitor/v1preview/logs?task=b&lvl=info%2B", accept: nil)
        #expect(contentType == "application/logfmt")
        #expect(line.hasPrefix("ts="))
        #expect(line.contains(" lvl=info msg="))
        #expect(line.contains(" task=b"))
    }
}
