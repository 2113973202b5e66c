/// The kind of a task: a stream task reads written points, a batch task runs queries.
public enum TaskType: String, Sendable, Codable, CaseIterable {
    case stream, batch, invalid
}

/// Whether a task is enabled.
public enum TaskStatus: String, Sendable, Codable, CaseIterable {
    case enabled, disabled
}
