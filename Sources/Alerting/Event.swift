import Models

/// The state of one alert (one alert ID) as its latest event left it.
public struct EventState: Sendable, Equatable {
    /// The alert ID.
    public var id: String
    /// The rendered message.
    public var message: String
    /// The rendered details.
    public var details: String
    /// When the event happened (data time), in nanoseconds since the epoch.
    public var time: Timestamp
    /// How long the alert has been in a non-OK state, in nanoseconds.
    public var duration: Int64
    /// The level.
    public var level: AlertLevel

    /// Creates an event state.
    public init(
        id: String, message: String = "", details: String = "", time: Timestamp = 0, duration: Int64 = 0,
        level: AlertLevel = .ok
    ) {
        self.id = id
        self.message = message
        self.details = details
        self.time = time
        self.duration = duration
        self.level = level
    }
}

/// What an alert node knew when it raised an event: the data behind it.
public struct EventData: Sendable, Equatable {
    /// The measurement name.
    public var name: String
    /// The task that raised the event.
    public var taskName: String
    /// The alert node's category (what inhibitors match).
    public var category: String
    /// The group, `nil` when the data is not grouped, as Kapacitor writes it.
    public var group: String
    /// The tags of the point (stream) or of the batch's group.
    public var tags: Tags
    /// The fields of the point that decided the level.
    public var fields: Fields
    /// The data as a result: one series.
    public var result: [Row]
    /// Whether an OK event will follow (false with `.noRecoveries()`).
    public var recoverable: Bool

    /// Creates event data.
    public init(
        name: String, taskName: String, category: String = "", group: String = "nil", tags: Tags = Tags(),
        fields: Fields = Fields(), result: [Row] = [], recoverable: Bool = true
    ) {
        self.name = name
        self.taskName = taskName
        self.category = category
        self.group = group
        self.tags = tags
        self.fields = fields
        self.result = result
        self.recoverable = recoverable
    }
}

/// An alert event on its way to a topic and its handlers.
public struct Event: Sendable, Equatable {
    /// The topic it is published to.
    public var topic: String
    /// The alert's new state.
    public var state: EventState
    /// The data behind it.
    public var data: EventData
    /// The state the alert had in the topic before this event; nil for its first event there.
    public internal(set) var previousState: EventState?

    /// Creates an event.
    public init(topic: String, state: EventState, data: EventData) {
        self.topic = topic
        self.state = state
        self.data = data
        previousState = nil
    }

    /// The level the alert had before this event in its topic (OK for a first event).
    public var previousLevel: AlertLevel { previousState?.level ?? .ok }
}
