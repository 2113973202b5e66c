/// `GET /alerts/topics`: `{link, topics}`.
public struct TopicsResponse: Sendable, Codable, Equatable {
    /// The request's own path and query.
    public var link: Link
    /// The topics, sorted by ID.
    public var topics: [TopicResponse]

    /// Creates a list.
    public init(link: Link, topics: [TopicResponse]) {
        self.link = link
        self.topics = topics
    }
}

/// One topic: its highest alert level, events collected and the links of its events and handlers.
public struct TopicResponse: Sendable, Codable, Equatable {
    /// `/kapacitor/v1/alerts/topics/{id}`.
    public var link: Link
    /// The topic ID.
    public var id: String
    /// `OK`, `INFO`, `WARNING` or `CRITICAL`.
    public var level: String
    /// Events collected since the start.
    public var collected: Int64
    /// The events' link, relation `events`.
    public var eventsLink: Link
    /// The handlers' link, relation `handlers`.
    public var handlersLink: Link

    enum CodingKeys: String, CodingKey {
        case link, id, level, collected
        case eventsLink = "events-link"
        case handlersLink = "handlers-link"
    }

    /// Creates a topic.
    public init(link: Link, id: String, level: String, collected: Int64, eventsLink: Link, handlersLink: Link) {
        self.link = link
        self.id = id
        self.level = level
        self.collected = collected
        self.eventsLink = eventsLink
        self.handlersLink = handlersLink
    }
}

/// `GET /alerts/topics/{topic}/events`: `{link, topic, events}`.
public struct TopicEventsResponse: Sendable, Codable, Equatable {
    /// The events' link.
    public var link: Link
    /// The topic ID.
    public var topic: String
    /// The events.
    public var events: [TopicEventResponse]

    /// Creates a list.
    public init(link: Link, topic: String, events: [TopicEventResponse]) {
        self.link = link
        self.topic = topic
        self.events = events
    }
}

/// The latest state of one alert in a topic.
public struct TopicEventResponse: Sendable, Codable, Equatable {
    /// The event's link.
    public var link: Link
    /// The alert ID.
    public var id: String
    /// Its state.
    public var state: EventStateResponse

    /// Creates an event.
    public init(link: Link, id: String, state: EventStateResponse) {
        self.link = link
        self.id = id
        self.state = state
    }
}

/// An alert's state: `time` is RFC 3339 with nanoseconds, `duration` a Go duration string (`1m30s`).
public struct EventStateResponse: Sendable, Codable, Equatable {
    /// The message.
    public var message: String
    /// The details.
    public var details: String
    /// The event time.
    public var time: String
    /// How long the alert has been non-OK.
    public var duration: String
    /// The level's name.
    public var level: String

    /// Creates a state.
    public init(message: String, details: String, time: String, duration: String, level: String) {
        self.message = message
        self.details = details
        self.time = time
        self.duration = duration
        self.level = level
    }
}

/// `GET /alerts/topics/{topic}/handlers`: `{link, topic, handlers}`.
public struct TopicHandlersResponse: Sendable, Codable, Equatable {
    /// The request's own path and query.
    public var link: Link
    /// The topic ID.
    public var topic: String
    /// The handlers, sorted by ID.
    public var handlers: [TopicHandlerResponse]

    /// Creates a list.
    public init(link: Link, topic: String, handlers: [TopicHandlerResponse]) {
        self.link = link
        self.topic = topic
        self.handlers = handlers
    }
}

/// A topic handler: `{link, id, kind, options, match}`.
public struct TopicHandlerResponse: Sendable, Codable, Equatable {
    /// `/kapacitor/v1/alerts/topics/{topic}/handlers/{id}`.
    public var link: Link
    /// The handler ID.
    public var id: String
    /// The handler kind.
    public var kind: String
    /// The kind's options.
    public var options: [String: JSONValue]
    /// The match expression, or empty.
    public var match: String

    /// Creates a handler.
    public init(link: Link, id: String, kind: String, options: [String: JSONValue], match: String) {
        self.link = link
        self.id = id
        self.kind = kind
        self.options = options
        self.match = match
    }
}

/// What POST and PUT of a topic handler send, and what a handler file holds; the Go client sends
/// every key (`topic` is ignored by the server, which takes the topic from the path).
public struct TopicHandlerOptions: Sendable, Codable, Equatable {
    /// The topic.
    public var topic: String
    /// The handler ID.
    public var id: String
    /// The handler kind.
    public var kind: String
    /// The kind's options.
    public var options: [String: JSONValue]
    /// The match expression, or empty.
    public var match: String

    enum CodingKeys: String, CodingKey { case topic, id, kind, options, match }

    /// Creates options.
    public init(topic: String = "", id: String, kind: String, options: [String: JSONValue] = [:], match: String = "") {
        self.topic = topic
        self.id = id
        self.kind = kind
        self.options = options
        self.match = match
    }

    /// Decodes Kapacitor's spec: every key may be missing or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        topic = try container.decodeIfPresent(String.self, forKey: .topic) ?? ""
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        options = try container.decodeIfPresent([String: JSONValue].self, forKey: .options) ?? [:]
        match = try container.decodeIfPresent(String.self, forKey: .match) ?? ""
    }
}
