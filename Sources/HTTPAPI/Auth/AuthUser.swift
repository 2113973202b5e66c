import APIModels

/// What a user may do to a resource: Kapacitor's privileges, a bit set.
struct Privilege: OptionSet, Sendable, Hashable {
    let rawValue: UInt
    init(rawValue: UInt) { self.rawValue = rawValue }
    static let none = Privilege(rawValue: 1)
    static let read = Privilege(rawValue: 2)
    static let write = Privilege(rawValue: 4)
    static let delete = Privilege(rawValue: 8)
    static let all = Privilege(rawValue: 16)

    /// The names Kapacitor stores and prints, in bit order.
    static let names: [(Privilege, String)] = [(.none, "none"), (.read, "read"), (.write, "write"), (.delete, "delete"), (.all, "all")]

    /// The privilege an HTTP method needs: nil for none (HEAD, OPTIONS).
    init?(method: String) {
        switch method.uppercased() {
        case "GET": self = .read
        case "POST", "PATCH", "PUT": self = .write
        case "DELETE": self = .delete
        case "HEAD", "OPTIONS": return nil
        default: self = .all
        }
    }

    /// The single privilege's name.
    var name: String { Self.names.first { $0.0 == self }?.1 ?? "unknown" }
}

/// An authenticated user as authorization sees it (Kapacitor's `auth.User`): an admin may do
/// anything; anyone else what the privileges of the nearest enclosing resource allow.
struct AuthUser: Sendable {
    let name: String
    let admin: Bool
    /// Privileges by cleaned resource path (`/api`, `/api/write`, `/database/telegraf_clean`).
    let privileges: [String: Privilege]

    /// Kapacitor's user for unauthenticated servers.
    static let anyone = AuthUser(name: "ADMIN_USER", admin: true, privileges: [:])

    /// Whether the user may take `privilege` on `resource` (Kapacitor's `AuthorizeAction`).
    func may(_ privilege: Privilege, on resource: String) -> Bool {
        if admin { return true }
        var current = Self.clean(resource)
        while true {
            if let granted = privileges[current] { return granted.contains(privilege) || granted == .all }
            if current == "/" { return false }
            current = Self.parent(current)
        }
    }

    /// The resource of an API path: `/api` + the path below `/kapacitor/v1`.
    static func apiResource(_ path: String) -> String {
        let below = path.hasPrefix("/kapacitor/v1") ? String(path.dropFirst("/kapacitor/v1".count)) : path
        return clean("/api/" + below)
    }

    /// The resource of writes to `database`: `/database/<db>_clean` (`_dirty` when the name held
    /// a `/`, which becomes `_`).
    static func databaseResource(_ database: String) -> String {
        guard !database.isEmpty else { return "/database" }
        let flattened = database.replacingOccurrences(of: "/", with: "_")
        return "/database/" + flattened + (flattened == database ? "_clean" : "_dirty")
    }

    /// Go's `path.Clean` for absolute paths without `.` or `..`: no repeated or trailing slash.
    static func clean(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}

/// The users API's permissions as privileges on resources, both ways (Kapacitor's
/// `convertPermissions` and `convertPrivleges`).
enum Permissions {
    static let root = "/api"
    static let write = "/api/write"
    static let ping = "/api/ping"
    static let config = "/api/config"

    /// The privileges `permissions` grant.
    static func privileges(_ permissions: [UserPermission]) -> [String: Privilege] {
        var privileges: [String: Privilege] = [:]
        for permission in permissions {
            switch permission {
            case .none: break
            case .api:
                privileges[root] = .all
                // Subtractive: writes and the config API only when granted as well.
                if privileges[write] == nil { privileges[write] = Privilege.none }
                if privileges[config] == nil { privileges[config] = Privilege.none }
            case .configAPI:
                privileges[ping] = .all
                privileges[config] = .all
            case .writePoints:
                privileges[ping] = .all
                privileges[write] = .all
            case .all:
                privileges[root] = .all
                privileges[config] = .all
                privileges[write] = .all
            }
        }
        return privileges
    }

    /// The permissions that grant `privileges`.
    static func permissions(_ privileges: [String: Privilege]) -> [UserPermission] {
        let api = privileges[root] == .all
        let config = privileges[config] == .all
        let write = privileges[write] == .all
        if api && config && write { return [.all] }
        return (api ? [.api] : []) + (config ? [.configAPI] : []) + (write ? [.writePoints] : [])
    }
}
