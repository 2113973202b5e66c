import Alerting
import Synchronization
import Testing

@Suite("tcp handler")
struct TCPHandlerTests {
    @Test func writesTheAlertJSONAndNewlinesToTheAddress() async throws {
        let received = Mutex<[String]>([])
        try await LineServer.serving(session: { connection in
            let text = try await LineServer.readAll(connection)
            received.withLock { $0.append(text) }
        }) { port in
            let handler = try HandlerFixtures.handler("tcp", #"{"address":"127.0.0.1:\#(port)"}"#)
            try await handler.handle(HandlerFixtures.event())
            while received.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(received.withLock { $0 } == [HandlerFixtures.body + "\n\n"])
    }

    @Test func aRefusedConnectionIsAnError() async throws {
        // Port 1 (tcpmux) has no listener: a port released by a test server may be taken by the next
        // test running in parallel.
        let handler = try HandlerFixtures.handler("tcp", #"{"address":"127.0.0.1:1"}"#)
        await #expect(throws: (any Error).self) { try await handler.handle(HandlerFixtures.event()) }
    }

    @Test(arguments: ["nohost", "host:port", "host:70000"])
    func rejectsAnAddressWithoutAPort(address: String) {
        #expect(throws: (any Error).self) { try HandlerFixtures.handler("tcp", #"{"address":"\#(address)"}"#) }
    }
}
