import APIModels
import Crypto
import Foundation
import Hummingbird
import NIOPosix
import InfluxDB
import Models
import Storage
import Synchronization

/// Kapacitor's HTTP authentication and authorization. With `[http] auth-enabled`, every request
/// but `/debug/vars` carries credentials — basic auth, `u`/`p` parameters, a JWT bearer token
/// signed with `[http] shared-secret`, or a subscription token — and its user needs the
/// privilege its method asks on its path. With `[auth] enabled`, the users are those of the
/// users API; without, any name is accepted as an admin, as Kapacitor's `noauth` service does.
public final class Authenticator: Sendable {
    /// Whether requests must authenticate (`[http] auth-enabled`).
    public let required: Bool
    /// The users API's users; nil when `[auth]` is off.
    let users: UserRepository?
    /// The HMAC key of bearer tokens.
    let sharedSecret: String
    /// The PBKDF2 rounds of new password hashes.
    let rounds: Int
    /// Whether `/debug/vars` is served without credentials (`[http] pprof-enabled`, as Kapacitor
    /// exempts its debug routes only then).
    let bypassesDebugVars: Bool
    let clock: any WallClock
    /// Passwords checked lately, by user name: the stored hash they were checked against, a salt
    /// and the SHA-256 of salt and password, and when the entry expires (an hour on, as
    /// Kapacitor's), so that a client sending its password with every request pays the slow
    /// hash once.
    private let checked = Mutex<[String: CheckedPassword]>([:])

    struct CheckedPassword {
        let hash: String
        let salt: Data
        let digest: Data
        let expires: Timestamp
    }

    static let subscriptionPrefix = "_sub:"

    /// An authenticator; `users` nil accepts any user name. Passwords are hashed as long as
    /// `bcryptCost` would take bcrypt.
    public init(
        required: Bool, users: UserRepository?, sharedSecret: String, bcryptCost: Int = 10, pprofEnabled: Bool = false,
        clock: any WallClock = SystemClock()
    ) {
        self.required = required
        bypassesDebugVars = pprofEnabled
        self.users = users
        self.sharedSecret = sharedSecret
        rounds = PasswordHash.rounds(bcryptCost: bcryptCost)
        self.clock = clock
    }

    /// The user of the request being served (nil when none authenticated); the write handler
    /// checks its privilege on the database, as Kapacitor's `serveWrite` does.
    @TaskLocal static var current: AuthUser?

    /// Checks the request's credentials and its privilege on `path` (the path it is routed by);
    /// throws the 401 or 403 Kapacitor answers. Returns the user, nil when none is needed.
    func authorize(_ request: Request, path: String) async throws(APIError) -> AuthUser? {
        guard required, !(bypassesDebugVars && path == "/kapacitor/v1/debug/vars") else { return nil }
        let user = try await authenticate(request)
        guard let privilege = Privilege(method: request.method.rawValue) else { return user }
        guard user.may(privilege, on: AuthUser.apiResource(path)) else {
            throw APIError(.forbidden, "user \(user.name) does not have \"\(privilege.name)\" privilege for API endpoint \"\(path)\"")
        }
        return user
    }

    /// Throws Kapacitor's 401 unless the request's user may write to `database`.
    static func checkWrite(to database: String) throws(APIError) {
        guard let user = current, !user.may(.write, on: AuthUser.databaseResource(database)) else { return }
        throw APIError(.unauthorized, "\"\(user.name)\" user is not authorized to write to database \"\(database)\"")
    }

    /// The user the request's credentials name (Kapacitor's `authenticate`).
    func authenticate(_ request: Request) async throws(APIError) -> AuthUser {
        if let header = request.headers[.authorization], !header.isEmpty {
            if header.hasPrefix("Bearer ") {
                let name = try JWT.username(String(header.dropFirst(7)), secret: sharedSecret, now: Date(timeIntervalSince1970: Double(clock.now()) / 1e9))
                return try user(named: name)
            }
            if header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6))),
               let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":") {
                let name = String(text[..<colon])
                let password = String(text[text.index(after: colon)...])
                if name == SubscriptionSettings.subscriptionUser { return try subscriptionUser(token: password) }
                return try await check(name, password)
            }
        }
        let query = request.uri.queryParameters
        if let name = query["u"], let password = query["p"], !name.isEmpty, !password.isEmpty {
            return try await check(String(name), String(password))
        }
        throw APIError(.unauthorized, "unable to parse authentication credentials")
    }

    /// User `name` if `password` is theirs. The slow hash runs on NIO's thread pool, whose few
    /// threads also bound how many run at once, so wrong passwords cannot stall the server.
    private func check(_ name: String, _ password: String) async throws(APIError) -> AuthUser {
        guard !name.isEmpty else { throw APIError(.unauthorized, "username required") }
        guard let users else { return AuthUser(name: name, admin: true, privileges: [:]) }
        let failed = APIError(.unauthorized, "authorization failed")
        guard let record = try? users.find(name) else { throw failed }
        let now = clock.now()
        if let known = checked.withLock({ $0[name] }), known.hash == record.hash, known.expires > now,
           Self.digest(known.salt, password) == known.digest {
            return Self.authUser(record)
        }
        let verified = (try? await NIOThreadPool.singleton.runIfActive { PasswordHash.verify(password, against: record.hash) }) ?? false
        guard verified else { throw failed }
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        let entry = CheckedPassword(hash: record.hash, salt: salt, digest: Self.digest(salt, password), expires: now + 3_600_000_000_000)
        checked.withLock { $0[name] = entry }
        return Self.authUser(record)
    }

    /// User `name` of a bearer token.
    private func user(named name: String) throws(APIError) -> AuthUser {
        guard let users else { return AuthUser(name: name, admin: true, privileges: [:]) }
        guard let record = try? users.find(name) else {
            throw APIError(.unauthorized, "retrieving user \"\(name)\" from store: no user exists")
        }
        return Self.authUser(record)
    }

    /// The user of a subscription token granted by `grantSubscription`.
    private func subscriptionUser(token: String) throws(APIError) -> AuthUser {
        guard let users else { return AuthUser(name: "subscription-user", admin: true, privileges: [:]) }
        guard UserAdministration.isValidName(token) else {
            throw APIError(.unauthorized, "token must be a valid username: \"\(token)\"")
        }
        guard let record = try? users.find(Self.subscriptionPrefix + token) else {
            throw APIError(.unauthorized, "invalid subscription token")
        }
        return Self.authUser(record)
    }


    /// Forgets the checked password of `name` (changed or deleted).
    func forget(_ name: String) {
        _ = checked.withLock { $0.removeValue(forKey: name) }
    }

    static func authUser(_ record: UserRecord) -> AuthUser {
        AuthUser(name: record.name, admin: record.admin, privileges: UserAdministration.privileges(record.privileges))
    }

    private static func digest(_ salt: Data, _ password: String) -> Data {
        Data(SHA256.hash(data: salt + Data(password.utf8)))
    }
}

extension Authenticator: SubscriptionTokens {
    /// Lets InfluxDB's subscription with `token` write to `dbrp`'s database (Kapacitor's
    /// `GrantSubscriptionAccess`: a user `_sub:<token>`); nothing to do when any user is accepted.
    public func grant(_ token: String, to dbrp: DBRP) throws {
        guard let users else { return }
        let privileges: [String: Privilege] = [Permissions.write: .write, Permissions.ping: .all, AuthUser.databaseResource(dbrp.db): .write]
        try users.save(UserRecord(
            name: Self.subscriptionPrefix + token, hash: "", admin: false, privileges: UserAdministration.text(privileges)))
    }

    public func all() throws -> [String] {
        try (users?.all() ?? []).filter { $0.name.hasPrefix(Self.subscriptionPrefix) }.map { String($0.name.dropFirst(Self.subscriptionPrefix.count)) }
    }

    public func revoke(_ token: String) throws {
        try users?.delete(Self.subscriptionPrefix + token)
    }
}
