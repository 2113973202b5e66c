import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
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

    @Test func aSessionEndsWhenItsClientGoesEvenWithNothingToSend() async throws {
        let directory = TemporaryDirectory()
        let daemon = try Daemon(config: try testConfig(directory), logger: quietLogger)
        defer { daemon.taskMaster.stop() }
        let port = FreePort.next()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await daemon.application(port: port).runService() }
            defer { group.cancelAll() }
            _ = try await eventually { () async throws -> Bool? in
                let ping = HTTPClientRequest(url: "http://127.0.0.1:\(port)/kapacitor/v1/ping")
                return (try? await HTTPClient.shared.execute(ping, timeout: .seconds(10)))?.status == .noContent ? true : nil
            }
            // A bare socket, so that closing it closes the connection; its blocking calls run off
            // the cooperative pool, which the in-process server needs.
            let socket = try await NIOThreadPool.singleton.runIfActive { () throws -> Int32 in
                let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard connected == 0 else {
                    close(fd)
                    throw CancellationError()
                }
                let request = "GET /kapacitor/v1preview/logs?task=none HTTP/1.1\r\nHost: test\r\n\r\n"
                _ = request.withCString { send(fd, $0, strlen($0), 0) }
                var head = [UInt8](repeating: 0, count: 1024)
                _ = recv(fd, &head, head.count, 0)
                return fd
            }
            #expect(try await eventually { daemon.api.logSessions.isFollowed ? true : nil } == true)
            close(socket)
            #expect(try await eventually { daemon.api.logSessions.isFollowed ? nil : true } == true)
        }
    }
}
