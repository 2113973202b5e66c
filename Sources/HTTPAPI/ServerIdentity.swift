/// Who this daemon is, as `/debug/vars` and the version header report it.
public struct ServerIdentity: Sendable {
    /// The Kapacitor release whose API Condenser speaks; sent as `X-Kapacitor-Version`.
    public static let version = "1.8.3-condenser.0.1.0"

    /// The cluster ID, a UUID kept in the store.
    public var clusterID: String
    /// The server ID, a UUID kept in the store.
    public var serverID: String
    /// The configured host name.
    public var hostname: String

    /// Creates an identity.
    public init(clusterID: String, serverID: String, hostname: String) {
        self.clusterID = clusterID
        self.serverID = serverID
        self.hostname = hostname
    }
}
