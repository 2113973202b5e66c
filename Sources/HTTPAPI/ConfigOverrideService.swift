import APIModels

/// What `/kapacitor/v1/config` reads and changes: the configuration with its overrides, as
/// Kapacitor's config override service keeps them.
public protocol ConfigOverrideService: Sendable {
    /// `[config-override] enabled`: when false, every config request is a 403.
    var isEnabled: Bool { get }
    /// The overridable sections with every override applied.
    func view() throws(APIError) -> ConfigView
    /// Applies `action` to `section` (and `element`; `hasElement` when the path named one, even
    /// empty as in `/config/smtp/`), stores it and reconfigures the running services; fails
    /// with Kapacitor's status and message.
    func update(section: String, element: String, hasElement: Bool, _ action: ConfigUpdateAction) async throws(APIError)
}
