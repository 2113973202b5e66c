import Alerting
import AlertHandlers
import Foundation
import Logging
import Models

/// Events, environments and kinds for handler tests.
enum HandlerFixtures {
    /// A critical event of alert `id` raised at 1970-01-01T00:00:01Z.
    static func event(id: String = "cpu:host=a", level: AlertLevel = .critical, message: String = "cpu is high",
                      details: String = "<b>cpu</b> 99") -> Event {
        Event(
            topic: "main:task:alert2",
            state: EventState(id: id, message: message, details: details, time: 1_000_000_000, level: level),
            data: EventData(name: "cpu", taskName: "task"))
    }

    /// The JSON body Kapacitor would send for `event()`.
    static let body = #"{"id":"cpu:host=a","message":"cpu is high","details":"\u003cb\u003ecpu\u003c/b\u003e 99","time":"1970-01-01T00:00:01Z","duration":0,"level":"CRITICAL","data":{"series":null},"previousLevel":"OK","recoverable":true}"#

    /// An environment with `sections` (JSON text by name) that posts with `poster`.
    static func environment(_ sections: [String: String] = [:], poster: any HTTPPoster = FailingPoster()) -> HandlerEnvironment {
        var logger = Logger(label: "handlers")
        logger.logLevel = .critical
        return HandlerEnvironment(sections: sections.mapValues { Data($0.utf8) }, poster: poster, logger: logger)
    }

    /// Makes a handler of `kind` from the JSON `options`.
    static func handler(_ kind: String, _ options: String, environment: HandlerEnvironment = environment()) throws -> any AlertHandler {
        guard let handlerKind = BuiltInHandlers().kinds.kind(kind) else { throw FixtureError("no kind \(kind)") }
        return try handlerKind.makeHandler(options: Data(options.utf8), environment: environment)
    }
}

/// A poster that must not be used.
struct FailingPoster: HTTPPoster {
    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async throws -> HTTPPostResponse {
        throw FixtureError("unexpected POST to \(url)")
    }
}

/// A test setup failure.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
