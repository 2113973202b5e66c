import APIModels

/// The service tests of `/kapacitor/v1/service-tests`.
extension KapacitorClient {
    static let serviceTestsPath = "/kapacitor/v1/service-tests"

    /// GET `/kapacitor/v1/service-tests`: the tests whose name matches `pattern` (empty for all),
    /// sorted by name.
    public func listServiceTests(pattern: String = "") async throws -> [ServiceTest] {
        let list: ServiceTests = try decode(
            try await send(.GET, Self.serviceTestsPath + "?pattern=\(escape(pattern))", expect: [200]))
        return list.services
    }

    /// POST the test at `link` with `options` (its defaults when nil, which posts `null` as the
    /// kapacitor client does).
    public func runServiceTest(_ link: Link, options: JSONValue? = nil) async throws -> ServiceTestResult {
        try decode(try await send(.POST, link.href, body: options ?? .null, expect: [200]))
    }
}
