import Alerting
import Foundation
import Logging
import Storage
import Synchronization

/// The topic handlers defined through the API or handler files: their specs in the store, and a
/// handler made from each registered on its topic behind its `match`. Also keeps the topics' alert
/// states in the store, so that they outlive a restart.
public final class TopicHandlerRegistry: Sendable {
    let store: Store
    let topics: Topics
    let kinds: HandlerKinds
    let environment: HandlerEnvironment
    let logger: Logger
    /// Serialises every change of a spec.
    private let lock = Mutex(())
    /// Stores the topics' state changes.
    private let stateWriter: TopicStateWriter

    /// A registry over `store` and `topics`, offering `kinds` plus the built-in `aggregate` and `publish`.
    public init(store: Store, topics: Topics, kinds: HandlerKinds, environment: HandlerEnvironment, logger: Logger) {
        self.store = store
        self.topics = topics
        let collect: @Sendable (Event) -> Void = { [weak topics] event in topics?.collect(event) }
        self.kinds = HandlerKinds(
            kinds.names.compactMap(kinds.kind) + [AggregateHandlerKind(collect: collect), PublishHandlerKind(collect: collect)])
        self.environment = environment
        self.logger = logger
        stateWriter = TopicStateWriter(store: store, logger: logger)
    }

    /// Returns once every alert state change so far is stored.
    public func flushStates() {
        stateWriter.flush()
    }

    /// Puts the stored alert states back into the topics, registers the stored handlers (a handler that
    /// cannot be made is logged and skipped), then starts storing every state change.
    public func restore() throws(EngineError) {
        let events = try storage { () throws(StorageError) in try store.topicEvents.all() }
        for (topic, records) in Dictionary(grouping: events, by: \.topic) {
            topics.restore(topic: topic, records.map { record in
                EventState(
                    id: record.id, message: record.message, details: record.details, time: record.time,
                    duration: record.duration, level: AlertLevel(name: record.level) ?? .ok)
            })
        }
        for record in try storage({ () throws(StorageError) in try store.topicHandlers.all() }) {
            let spec = TopicHandlerSpec(
                topic: record.topic, id: record.id, kind: record.kind, options: record.options, match: record.match)
            do {
                try register(spec)
            } catch {
                logger.error("failed to load topic handler", metadata: [
                    "topic": "\(spec.topic)", "handler": "\(spec.id)", "error": "\(error)",
                ])
            }
        }
        topics.observe { [stateWriter] change in stateWriter.record(change) }
    }

    /// The handler specs of `topic` whose ID `matches`, sorted by ID.
    public func specs(topic: String, matching matches: (String) -> Bool = { _ in true }) throws(EngineError) -> [TopicHandlerSpec] {
        try storage { () throws(StorageError) in try store.topicHandlers.all(topic: topic) }
            .filter { matches($0.id) }.map(Self.spec)
    }

    /// Handler `id` of `topic`; 404 `unknown handler: "id"` when there is none.
    public func spec(topic: String, id: String) throws(EngineError) -> TopicHandlerSpec {
        guard let record = try storage({ () throws(StorageError) in try store.topicHandlers.find(topic: topic, id: id) }) else {
            throw .notFound("unknown handler: \"\(id)\"")
        }
        return Self.spec(record)
    }

    /// Defines a new handler (creating its topic), as POST does; errors carry Kapacitor's messages.
    public func create(_ spec: TopicHandlerSpec) throws(EngineError) {
        try lock.withLock { _ throws(EngineError) in
            try validated(spec)
            if try storage({ () throws(StorageError) in try store.topicHandlers.find(topic: spec.topic, id: spec.id) }) != nil {
                throw .failed("failed to create handler: cannot register handler, handler with ID \"\(spec.id)\" already exists")
            }
            let handler = try make(spec, failure: "failed to create handler", in: environment)
            try storage { () throws(StorageError) in try store.topicHandlers.replace(nil, with: Self.record(spec)) }
            topics.register(handler.handler, id: spec.id, topic: spec.topic, match: handler.match)
        }
    }

    /// Replaces handler `oldID` of `spec.topic` by `spec`, which may carry a new ID, as PUT and PATCH do.
    public func replace(_ oldID: String, with spec: TopicHandlerSpec) throws(EngineError) {
        try lock.withLock { _ throws(EngineError) in
            try validated(spec)
            _ = try self.spec(topic: spec.topic, id: oldID)
            if oldID != spec.id,
               try storage({ () throws(StorageError) in try store.topicHandlers.find(topic: spec.topic, id: spec.id) }) != nil {
                throw .failed("failed to update handler: handler spec already exists")
            }
            let handler = try make(spec, failure: "failed to update handler", in: environment)
            try storage { () throws(StorageError) in try store.topicHandlers.replace(oldID, with: Self.record(spec)) }
            if oldID != spec.id { topics.deregister(id: oldID, topic: spec.topic) }
            topics.register(handler.handler, id: spec.id, topic: spec.topic, match: handler.match)
        }
    }

    /// Deletes handler `id` of `topic`; deleting a missing handler is not an error, as in Kapacitor.
    public func delete(topic: String, id: String) throws(EngineError) {
        try lock.withLock { _ throws(EngineError) in
            try storage { () throws(StorageError) in _ = try store.topicHandlers.delete(topic: topic, id: id) }
            topics.deregister(id: id, topic: topic)
        }
    }

    /// Deletes `topic`: its alert states and its handlers.
    public func deleteTopic(_ topic: String) throws(EngineError) {
        try lock.withLock { _ throws(EngineError) in
            try storage { () throws(StorageError) in try store.topicHandlers.deleteAll(topic: topic) }
            topics.delete(topic)
        }
    }

    /// Makes, from `environment` (a configuration about to apply), every stored handler whose
    /// kind `affected` says depends on changed configuration, failing at the first that cannot be
    /// made before anything changes; then runs `apply`, which puts the configuration in place,
    /// and registers each in place of the old one.
    func remake(
        where affected: (String) -> Bool, from environment: HandlerEnvironment, then apply: () -> Void
    ) throws(EngineError) {
        try lock.withLock { _ throws(EngineError) in
            let records = try storage { () throws(StorageError) in try store.topicHandlers.all() }
            var made: [(spec: TopicHandlerSpec, handler: any AlertHandler, match: EventMatch?)] = []
            for record in records where affected(record.kind) {
                let spec = Self.spec(record)
                let handler = try make(spec, failure: "topic handler \(spec.id) of topic \(spec.topic)", in: environment)
                made.append((spec, handler.handler, handler.match))
            }
            apply()
            for entry in made { topics.register(entry.handler, id: entry.spec.id, topic: entry.spec.topic, match: entry.match) }
        }
    }

    /// Makes the handler of a spec read back from storage and registers it.
    private func register(_ spec: TopicHandlerSpec) throws(EngineError) {
        try validated(spec)
        let handler = try make(spec, failure: "failed to create handler", in: environment)
        topics.register(handler.handler, id: spec.id, topic: spec.topic, match: handler.match)
    }

    private func validated(_ spec: TopicHandlerSpec) throws(EngineError) {
        do {
            try spec.validate()
        } catch {
            throw .invalid("invalid handler spec: \(error.description)")
        }
    }

    /// The handler and match function of `spec`; a missing kind, bad options or a bad match expression
    /// is a 400 starting with `failure`.
    private func make(
        _ spec: TopicHandlerSpec, failure: String, in environment: HandlerEnvironment
    ) throws(EngineError) -> (handler: any AlertHandler, match: EventMatch?) {
        guard let kind = kinds.kind(spec.kind) else {
            throw .invalid("\(failure): unsupported action kind \"\(spec.kind)\"")
        }
        let handler: any AlertHandler
        do {
            handler = try kind.makeHandler(options: Data(spec.options.utf8), environment: environment)
        } catch {
            throw .invalid("\(failure): \(error)")
        }
        guard !spec.match.isEmpty else { return (handler, nil) }
        do {
            let expression = try MatchExpression(spec.match)
            return (handler, { expression.matches($0) })
        } catch {
            throw .invalid("\(failure): \(error.description)")
        }
    }

    private static func spec(_ record: TopicHandlerRecord) -> TopicHandlerSpec {
        TopicHandlerSpec(topic: record.topic, id: record.id, kind: record.kind, options: record.options, match: record.match)
    }

    private static func record(_ spec: TopicHandlerSpec) -> TopicHandlerRecord {
        TopicHandlerRecord(topic: spec.topic, id: spec.id, kind: spec.kind, options: spec.options, match: spec.match)
    }

    private func storage<T>(_ body: () throws(StorageError) -> T) throws(EngineError) -> T {
        do {
            return try body()
        } catch {
            throw .storage(error.description)
        }
    }
}
