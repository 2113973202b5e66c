import APIModels

/// The alert topics of `/kapacitor/v1/alerts/topics`: topics, their events and their handlers.
extension KapacitorClient {
    static let topicsPath = "/kapacitor/v1/alerts/topics"

    /// GET `/kapacitor/v1/alerts/topics`: the topics whose ID matches `pattern` (empty for all), sorted by ID.
    public func listTopics(pattern: String = "") async throws -> [TopicResponse] {
        let list: TopicsResponse = try decode(try await send(.GET, Self.topicsPath + "?pattern=\(escape(pattern))", expect: [200]))
        return list.topics
    }

    /// GET `/kapacitor/v1/alerts/topics/{topic}`.
    public func topic(_ topic: String) async throws -> TopicResponse {
        try decode(try await send(.GET, "\(Self.topicsPath)/\(escape(topic))", expect: [200]))
    }

    /// DELETE `/kapacitor/v1/alerts/topics/{topic}`: its events and handlers.
    public func deleteTopic(_ topic: String) async throws {
        _ = try await send(.DELETE, "\(Self.topicsPath)/\(escape(topic))", expect: [204])
    }

    /// GET `/kapacitor/v1/alerts/topics/{topic}/events`: the latest state of every alert in the topic.
    public func listTopicEvents(_ topic: String) async throws -> [TopicEventResponse] {
        let list: TopicEventsResponse = try decode(
            try await send(.GET, "\(Self.topicsPath)/\(escape(topic))/events", expect: [200]))
        return list.events
    }

    /// GET `/kapacitor/v1/alerts/topics/{topic}/handlers`: the handlers whose ID matches `pattern`
    /// (empty for all), sorted by ID.
    public func listTopicHandlers(_ topic: String, pattern: String = "") async throws -> [TopicHandlerResponse] {
        let path = "\(Self.topicsPath)/\(escape(topic))/handlers?pattern=\(escape(pattern))"
        let list: TopicHandlersResponse = try decode(try await send(.GET, path, expect: [200]))
        return list.handlers
    }

    /// GET `/kapacitor/v1/alerts/topics/{topic}/handlers/{id}`.
    public func topicHandler(_ topic: String, _ id: String) async throws -> TopicHandlerResponse {
        try decode(try await send(.GET, "\(Self.topicsPath)/\(escape(topic))/handlers/\(escape(id))", expect: [200]))
    }

    /// POST `/kapacitor/v1/alerts/topics/{topic}/handlers`: creates the handler, and the topic if new.
    public func createTopicHandler(_ options: TopicHandlerOptions) async throws -> TopicHandlerResponse {
        try decode(try await send(.POST, "\(Self.topicsPath)/\(escape(options.topic))/handlers", body: options, expect: [200]))
    }

    /// PUT `/kapacitor/v1/alerts/topics/{topic}/handlers/{id}`: replaces the whole handler.
    public func replaceTopicHandler(_ options: TopicHandlerOptions) async throws -> TopicHandlerResponse {
        let path = "\(Self.topicsPath)/\(escape(options.topic))/handlers/\(escape(options.id))"
        return try decode(try await send(.PUT, path, body: options, expect: [200]))
    }

    /// DELETE `/kapacitor/v1/alerts/topics/{topic}/handlers/{id}`.
    public func deleteTopicHandler(_ topic: String, _ id: String) async throws {
        _ = try await send(.DELETE, "\(Self.topicsPath)/\(escape(topic))/handlers/\(escape(id))", expect: [204])
    }
}
