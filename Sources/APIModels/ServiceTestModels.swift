/// `GET /service-tests`: `{link, services}`.
public struct ServiceTests: Sendable, Codable, Equatable {
    /// `/kapacitor/v1/service-tests`.
    public var link: Link
    /// The tests, sorted by name.
    public var services: [ServiceTest]

    /// Creates a list.
    public init(link: Link, services: [ServiceTest]) {
        self.link = link
        self.services = services
    }
}

/// One service test: its link, the service's name and its default options.
public struct ServiceTest: Sendable, Codable, Equatable {
    /// `/kapacitor/v1/service-tests/{name}`.
    public var link: Link
    /// The service's name (`slack`, `mqtt`).
    public var name: String
    /// The options a test runs with unless the request gives others.
    public var options: JSONValue

    /// Creates a test.
    public init(link: Link, name: String, options: JSONValue) {
        self.link = link
        self.name = name
        self.options = options
    }
}

/// The answer of `POST /service-tests/{name}`: `{"success": true, "message": ""}`.
public struct ServiceTestResult: Sendable, Codable, Equatable {
    /// Whether the test passed.
    public var success: Bool
    /// Why it failed; empty on success.
    public var message: String

    /// Creates a result.
    public init(success: Bool, message: String) {
        self.success = success
        self.message = message
    }
}
