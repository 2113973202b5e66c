import Alerting
import Engine
import Foundation
import TestPeers
import Testing

/// The `post` handler's pipelined connection behind a handler queue, against servers that
/// answer, close, fail or hang as scripted.
@Suite("post handler pipelining")
struct PipelinedPostTests {
    /// A handler queue around a `post` handler to `url` with `options` (JSON members) that
    /// retries without waiting.
    static func queue(_ url: String, _ options: String = "", attempts: Int = 3) throws -> HandlerQueue {
        let handler = try HandlerFixtures.handler(
            "post", #"{"url":"\#(url)/alert"\#(options)}"#, environment: HandlerFixtures.environment(poster: AsyncHTTPPoster()))
        return HandlerQueue(handler, retry: RetryPolicy(attempts: attempts, initialBackoff: 0), sleeper: NoSleep())
    }

    /// The bodies of `count` events with distinct messages.
    static func post(_ count: Int, to queue: HandlerQueue) async -> [String] {
        var bodies: [String] = []
        for number in 0..<count {
            let event = HandlerFixtures.event(message: "event \(number)")
            #expect(queue.enqueue(event))
            bodies.append(AlertBodyText.of(event))
        }
        await queue.waitUntilIdle()
        return bodies
    }

    @Test func eventsArriveInOrderOnOneConnectionWithSeveralInFlight() async throws {
        let server = try await ScriptedHTTPServer { _, _ in .status(200) }
        let queue = try Self.queue(server.url())
        let sent = await Self.post(300, to: queue)
        #expect(server.bodies() == sent)
        #expect(server.connections == 1)
        #expect(server.mostPipelined > 1)
        #expect(queue.counters.handled == 300)
        let request = try #require(server.requests.first)
        #expect(request.head.uri == "/alert")
        #expect(request.head.headers.map { "\($0.name): \($0.value)" } == [
            "Content-Type: application/json", "host: 127.0.0.1:\(server.port)", "Content-Length: \(sent[0].utf8.count)",
            "Accept-Encoding: deflate, gzip",
        ])
        try await server.close()
    }

    @Test func theRequestIsTheOneAsyncHTTPClientSends() async throws {
        let server = try await ScriptedHTTPServer { _, _ in .status(200) }
        let queue = try Self.queue(server.url() + "/path%20x?q=a%20b&r=1", #","headers":{"X-Team":"ops","Authorization":"Bearer t"}"#)
        let sent = await Self.post(1, to: queue)
        _ = try await AsyncHTTPPoster().post(
            url: server.url() + "/path%20x?q=a%20b&r=1/alert",
            headers: [("Authorization", "Bearer t"), ("X-Team", "ops"), ("Content-Type", "application/json")],
            body: Array(sent[0].utf8), timeout: .seconds(5))
        let requests = server.requests
        try #require(requests.count == 2)
        #expect(requests[0].head == requests[1].head)
        #expect(requests[0].head.headers.map { "\($0.name): \($0.value)" } == requests[1].head.headers.map { "\($0.name): \($0.value)" })
        #expect(requests[0].body == requests[1].body)
        try await server.close()
    }

    @Test func aServerClosingAfterEveryAnswerGetsEveryEventOnce() async throws {
        let server = try await ScriptedHTTPServer { _, _ in .status(200, close: true) }
        let queue = try Self.queue(server.url())
        let sent = await Self.post(50, to: queue)
        #expect(server.bodies() == sent)
        #expect(queue.counters == counters(enqueued: 50, handled: 50))
        try await server.close()
    }

    @Test func aFailedEventIsRetriedWhileTheOthersAreDelivered() async throws {
        let server = try await ScriptedHTTPServer { request, _ in .status(request == 0 ? 500 : 200) }
        let queue = try Self.queue(server.url())
        let sent = await Self.post(20, to: queue)
        #expect(server.bodies(answered: 500) == [sent[0]])
        #expect(server.bodies().sorted() == sent.sorted())
        #expect(queue.counters == counters(enqueued: 20, handled: 20, retries: 1))
    }

    @Test func aTimedOutEventFailsAndTheLaterOnesGoOutOnANewConnection() async throws {
        let server = try await ScriptedHTTPServer { _, connection in connection == 0 ? .silence : .status(200) }
        let queue = try Self.queue(server.url(), #","timeout":"1s""#, attempts: 1)
        let sent = await Self.post(10, to: queue)
        #expect(queue.counters == counters(enqueued: 10, handled: 9, failed: 1))
        #expect(server.bodies() == Array(sent.dropFirst()))
        #expect(server.connections == 2)
        try await server.close()
    }

    @Test func aRefusedConnectionFailsEachEvent() async throws {
        let queue = try Self.queue("http://127.0.0.1:1", attempts: 2)
        _ = await Self.post(3, to: queue)
        #expect(queue.counters == counters(enqueued: 3, retries: 3, failed: 3))
    }

    @Test func postsOverTLSWhenVerificationIsSkipped() async throws {
        let files = try SelfSignedCertificate(in: FileManager.default.temporaryDirectory.appendingPathComponent("post-tls-\(UUID().uuidString)").path)
        let server = try await ScriptedHTTPServer(tls: (files.certificate, files.key)) { _, _ in .status(200) }
        let skipping = try Self.queue(server.url(tls: true), #","skip-ssl-verification":true"#, attempts: 1)
        let sent = await Self.post(20, to: skipping)
        #expect(server.bodies() == sent)
        #expect(skipping.counters.handled == 20)
        // As the insecure poster's client, which does not decompress.
        #expect(server.requests.first?.head.headers["Accept-Encoding"] == [])

        let verifying = try Self.queue(server.url(tls: true), attempts: 1)
        _ = await Self.post(1, to: verifying)
        #expect(verifying.counters.failed == 1)
        #expect(server.bodies() == sent)
        try await server.close()
    }

    private func counters(enqueued: Int64, handled: Int64 = 0, retries: Int64 = 0, failed: Int64 = 0) -> HandlerCounters {
        var counters = HandlerCounters()
        counters.enqueued = enqueued
        counters.handled = handled
        counters.retries = retries
        counters.failed = failed
        return counters
    }
}

/// A retry sleeper that returns at once.
struct NoSleep: RetrySleeper {
    func sleep(nanoseconds: Int64) async {}
}

/// The JSON body the `post` handler sends for an event.
enum AlertBodyText {
    static func of(_ event: Event) -> String {
        let message = event.state.message
        return HandlerFixtures.body.replacingOccurrences(of: #""message":"cpu is high""#, with: #""message":"\#(message)""#) + "\n"
    }
}
