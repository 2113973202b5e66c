/// A section of a service with named workspaces (`[[slack]]`, `[[discord]]`).
protocol WorkspaceConfig: Decodable {
    /// The workspace's name, empty for an unnamed one.
    var workspace: String { get }
    /// Whether it is the workspace of handlers that name none.
    var isDefault: Bool { get set }
}

extension WorkspaceConfig {
    /// The workspace `name` among `configs`, filed as Kapacitor does: a lone section is the
    /// default, and the default of named workspaces also answers to the empty name. Failures are
    /// Kapacitor's `no <service> configuration found` and `workspace id not found`.
    static func select(_ name: String, from configs: [Self], service: String) -> Result<Self, HandlerError> {
        var workspaces: [String: Self] = [:]
        for var config in configs {
            if configs.count == 1 { config.isDefault = true }
            workspaces[config.workspace] = config
            if config.isDefault && !config.workspace.isEmpty { workspaces[""] = config }
        }
        if workspaces.isEmpty { return .failure(HandlerError("no \(service) configuration found")) }
        guard let workspace = workspaces[name] else { return .failure(HandlerError("workspace id not found")) }
        return .success(workspace)
    }
}
