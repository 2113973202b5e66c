import Models

/// What Kapacitor tells templates about the server (`.ServerInfo.Hostname`).
public struct ServerInfo: Sendable, Equatable {
    /// The host name the server is configured with.
    public var hostname: String
    /// The cluster ID (a UUID string).
    public var clusterID: String
    /// The server ID (a UUID string).
    public var serverID: String

    /// Creates server information.
    public init(hostname: String = "", clusterID: String = "", serverID: String = "") {
        self.hostname = hostname
        self.clusterID = clusterID
        self.serverID = serverID
    }
}

/// The data an alert node's templates see. Each template sees a part, as Kapacitor's three
/// structs nest: `.id()` sees `.Name .TaskName .Group .Tags .ServerInfo`; `.message()` also
/// `.ID .Fields .Level .Time .Duration`; `.details()` also `.Message`.
public struct AlertTemplateData: Sendable, Equatable {
    /// Which template the data is for.
    public enum Stage: Sendable {
        /// `.id()`: Kapacitor's `idInfo`.
        case id
        /// `.message()`: Kapacitor's `messageInfo`.
        case message
        /// `.details()`: Kapacitor's `detailsInfo`.
        case details
    }

    /// The measurement name.
    public var name: String
    /// The task's ID.
    public var taskName: String
    /// The group, `nil` for ungrouped data.
    public var group: String
    /// The tags of the point, or of the batch's group.
    public var tags: Tags
    /// The server.
    public var serverInfo: ServerInfo
    /// The alert ID (message and details).
    public var id = ""
    /// The fields of the point deciding the level (message and details).
    public var fields = Fields()
    /// The level (message and details).
    public var level = AlertLevel.ok
    /// The event time (message and details).
    public var time: Timestamp = 0
    /// The alert's duration in nanoseconds (message and details).
    public var duration: Int64 = 0
    /// The rendered message (details).
    public var message = ""

    /// The data of the ID template.
    public init(name: String, taskName: String, group: String, tags: Tags, serverInfo: ServerInfo) {
        self.name = name
        self.taskName = taskName
        self.group = group
        self.tags = tags
        self.serverInfo = serverInfo
    }
}
