import Foundation

/// The `publish` handler: collects each event again into other topics (Kapacitor's `publish` kind,
/// options `topics`).
struct PublishHandler: AlertHandler {
    struct Options: Decodable {
        var topics: [String]?
    }

    let topics: [String]
    let collect: @Sendable (Event) -> Void

    func handle(_ event: Event) async throws {
        for topic in topics {
            var copy = event
            copy.topic = topic
            collect(copy)
        }
    }
}

/// The `publish` kind; `collect` takes the re-published events (the server's topics).
public struct PublishHandlerKind: HandlerKind {
    public let kind = "publish"
    let collect: @Sendable (Event) -> Void

    /// Creates the kind over `collect`.
    public init(collect: @escaping @Sendable (Event) -> Void) { self.collect = collect }

    public func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try StrictOptions.decode(
            PublishHandler.Options.self, from: options, keys: ["topics"], typeName: "*alert.PublishHandlerConfig")
        return PublishHandler(topics: options.topics ?? [], collect: collect)
    }
}
