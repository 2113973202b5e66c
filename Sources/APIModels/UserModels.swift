/// What a user may do, as the users API names it (Kapacitor's `client.Permission`).
public enum UserPermission: String, Codable, Sendable, CaseIterable {
    /// Nothing.
    case none
    /// The whole API but `/config` and `/write`.
    case api
    /// `/config` (and `/ping`).
    case configAPI = "config_api"
    /// `/write` to any database (and `/ping`).
    case writePoints = "write_points"
    /// Everything.
    case all
}

/// The body of POST `/kapacitor/v1/users`.
public struct CreateUserOptions: Codable, Sendable, Equatable {
    /// The user's name.
    public var name: String
    /// The password.
    public var password: String
    /// `admin`, `normal` or empty (normal).
    public var type: String
    /// What the user may do.
    public var permissions: [UserPermission]

    /// Creates options.
    public init(name: String, password: String, type: String = "normal", permissions: [UserPermission] = []) {
        self.name = name
        self.password = password
        self.type = type
        self.permissions = permissions
    }

    /// Decodes options; absent members are empty, as Go's decoder leaves them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        password = try container.decodeIfPresent(String.self, forKey: .password) ?? ""
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        permissions = try container.decodeIfPresent([UserPermission].self, forKey: .permissions) ?? []
    }
}

/// The body of PATCH `/kapacitor/v1/users/{name}`: what is absent stays as it is.
public struct UpdateUserOptions: Codable, Sendable, Equatable {
    /// A new password.
    public var password: String?
    /// A new type, `admin` or `normal`.
    public var type: String?
    /// New permissions (an empty list takes every permission away).
    public var permissions: [UserPermission]?

    /// Creates options.
    public init(password: String? = nil, type: String? = nil, permissions: [UserPermission]? = nil) {
        self.password = password
        self.type = type
        self.permissions = permissions
    }
}

/// A user as the API shows it (Kapacitor's `client.User`).
public struct UserResponse: Codable, Sendable, Equatable {
    /// `/kapacitor/v1/users/{name}`.
    public var link: Link
    /// The user's name.
    public var name: String
    /// `admin` or `normal`.
    public var type: String
    /// What the user may do.
    public var permissions: [UserPermission]

    /// Creates a user.
    public init(link: Link, name: String, type: String, permissions: [UserPermission]) {
        self.link = link
        self.name = name
        self.type = type
        self.permissions = permissions
    }
}
