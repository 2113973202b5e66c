import Alerting
import NIOCore
import Synchronization
import Testing

@Suite("sensu handler")
struct SensuHandlerTests {
    /// A Sensu client socket: records the first line it is sent and answers `reply`.
    static func serving(reply: String, _ body: @Sendable (Int) async throws -> Void) async throws -> String? {
        let received = Mutex<String?>(nil)
        try await LineServer.serving(session: { connection in
            try await connection.executeThenClose { inbound, outbound in
                var text = ""
                for try await buffer in inbound {
                    text += String(buffer: buffer)
                    if text.hasSuffix("\n") { break }
                }
                received.withLock { $0 = text }
                try await outbound.write(ByteBuffer(string: reply))
            }
        }, body)
        return received.withLock { $0 }
    }

    @Test func sendsACriticalCheckResultWithMetadata() async throws {
        let received = try await Self.serving(reply: "ok") { port in
            let environment = HandlerFixtures.environment(["sensu": #"{"enabled":true,"addr":"127.0.0.1:\#(port)"}"#])
            let handler = try HandlerFixtures.handler(
                "sensu", #"{"source":"{{ .TaskName }}-src","handlers":["h1","h2"],"metadata":{"env":"prod","n":2,"name":"x"}}"#,
                environment: environment)
            try await handler.handle(HandlerFixtures.event(id: "cpu_host.a-1"))
        }
        #expect(received == #"{"env":"prod","handlers":["h1","h2"],"n":2,"name":"cpu_host.a-1","output":"cpu is high","source":"task-src","status":2}"# + "\n")
    }

    @Test func sendsAnOKCheckResultWithConfiguredDefaults() async throws {
        let received = try await Self.serving(reply: "ok") { port in
            let environment = HandlerFixtures.environment(["sensu": #"{"enabled":true,"addr":"127.0.0.1:\#(port)","handlers":["cfg"]}"#])
            let handler = try HandlerFixtures.handler("sensu", "{}", environment: environment)
            try await handler.handle(HandlerFixtures.event(id: "cpu", level: .ok))
        }
        #expect(received == #"{"handlers":["cfg"],"name":"cpu","output":"cpu is high","source":"Kapacitor","status":0}"# + "\n")
    }

    @Test func failsInKapacitorsWords() async throws {
        let refused = Mutex<String?>(nil)
        _ = try await Self.serving(reply: "no") { port in
            let environment = HandlerFixtures.environment(["sensu": #"{"enabled":true,"addr":"127.0.0.1:\#(port)"}"#])
            let handler = try HandlerFixtures.handler("sensu", "{}", environment: environment)
            do { try await handler.handle(HandlerFixtures.event(id: "cpu")) } catch { refused.withLock { $0 = "\(error)" } }
        }
        #expect(refused.withLock { $0 } == "sensu socket error: no")
        let handler = try HandlerFixtures.handler("sensu", "{}", environment: HandlerFixtures.environment())
        await #expect { try await handler.handle(HandlerFixtures.event(id: "cpu:host=a")) } throws: { error in
            "\(error)" == #"invalid name "cpu:host=a" for sensu alert. Must match ^[\w\.-]+$"#
        }
        await #expect { try await handler.handle(HandlerFixtures.event(id: "cpu")) } throws: { error in
            "\(error)" == "service is not enabled"
        }
    }
}
