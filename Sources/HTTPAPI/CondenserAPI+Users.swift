import APIModels
import Foundation
import Hummingbird
import Storage

extension CondenserAPI {
    static let userFields: Set<String> = ["link", "name", "type", "permissions"]

    /// The users API, served when `[auth] enabled`.
    func addUserRoutes<Context: RequestContext>(_ routes: inout RouteTable<Context>) {
        guard let users = authenticator.users else { return }
        routes.on("/kapacitor/v1/users", .get) { request, _ in try self.listUsers(request, users) }
        routes.on("/kapacitor/v1/users", .post) { request, _ in try await self.createUser(request, users) }
        routes.on("/kapacitor/v1/users/:name", .get) { _, context in
            try self.showUser(Self.parameter(context, "name"), users)
        }
        routes.on("/kapacitor/v1/users/:name", .patch) { request, context in
            try await self.updateUser(request, name: Self.parameter(context, "name"), users)
        }
        routes.on("/kapacitor/v1/users/:name", .delete) { _, context in
            try self.deleteUser(Self.parameter(context, "name"), users)
        }
    }

    /// GET `/kapacitor/v1/users` with `pattern`, `fields`, `offset` and `limit`; subscription
    /// users are not listed.
    func listUsers(_ request: Request, _ users: UserRepository) throws -> Response {
        let list = try ListQuery(request, known: Self.userFields, defaults: Self.userFields)
        let records = try storage { () throws(StorageError) in try users.all() }
            .filter { !$0.name.hasPrefix(Authenticator.subscriptionPrefix) }
        let entries = list.page(records) { $0.name }.map { record -> JSONValue in
            let user = UserAdministration.response(record)
            var object: [String: JSONValue] = ["name": .string(user.name), "link": Self.link(user.link.href)]
            if list.fields.contains("type") { object["type"] = .string(user.type) }
            if list.fields.contains("permissions") { object["permissions"] = .array(user.permissions.map { .string($0.rawValue) }) }
            return .object(object)
        }
        return JSONBody.response(.ok, ["users": JSONValue.array(entries)])
    }

    /// POST `/kapacitor/v1/users`.
    func createUser(_ request: Request, _ users: UserRepository) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let options = try? JSONDecoder().decode(CreateUserOptions.self, from: Data(buffer: body)),
              ["", "normal", "admin"].contains(options.type)
        else { throw APIError(.badRequest, "invalid JSON") }
        guard !options.name.isEmpty else { throw APIError(.badRequest, "username is required") }
        guard UserAdministration.isValidName(options.name) else {
            throw APIError(.badRequest, "username must contain only letters, numbers, '-', '.', '@' and '_'. \"\(options.name)\"")
        }
        guard !options.password.isEmpty else { throw APIError(.badRequest, "password is required") }
        guard try storage({ () throws(StorageError) in try users.find(options.name) }) == nil else {
            throw APIError(.internalServerError, "failed to create user: creating user: user already exists")
        }
        let admin = options.type == "admin"
        let record = UserRecord(
            name: options.name, hash: try PasswordHash.make(options.password, rounds: authenticator.rounds), admin: admin,
            privileges: UserAdministration.text(Permissions.privileges(options.permissions)))
        try storage { () throws(StorageError) in try users.save(record) }
        return JSONBody.response(.ok, UserAdministration.response(record))
    }

    /// GET `/kapacitor/v1/users/{name}`.
    func showUser(_ name: String, _ users: UserRepository) throws -> Response {
        guard let record = try storage({ () throws(StorageError) in try users.find(name) }) else {
            throw APIError(.notFound, "no user exists")
        }
        return JSONBody.response(.ok, UserAdministration.response(record))
    }

    /// PATCH `/kapacitor/v1/users/{name}`: a new password, type or permissions; becoming an admin
    /// drops the permissions.
    func updateUser(_ request: Request, name: String, _ users: UserRepository) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let options = try? JSONDecoder().decode(UpdateUserOptions.self, from: Data(buffer: body)),
              ["", "normal", "admin"].contains(options.type ?? "")
        else { throw APIError(.badRequest, "invalid JSON") }
        guard var record = try storage({ () throws(StorageError) in try users.find(name) }) else {
            throw APIError(.internalServerError, "failed to create user: updating user: no user exists")
        }
        if let password = options.password, !password.isEmpty { record.hash = try PasswordHash.make(password, rounds: authenticator.rounds) }
        if let permissions = options.permissions { record.privileges = UserAdministration.text(Permissions.privileges(permissions)) }
        if let type = options.type, !type.isEmpty {
            record.admin = type == "admin"
            if record.admin { record.privileges = "{}" }
        }
        try storage { () throws(StorageError) in try users.save(record) }
        authenticator.forget(name)
        return JSONBody.response(.ok, UserAdministration.response(record))
    }

    /// DELETE `/kapacitor/v1/users/{name}`: 204, also when there was no such user.
    func deleteUser(_ name: String, _ users: UserRepository) throws -> Response {
        try storage { () throws(StorageError) in _ = try users.delete(name) }
        authenticator.forget(name)
        return Response(status: .noContent)
    }

    private func storage<T>(_ body: () throws(StorageError) -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch {
            throw APIError(.internalServerError, error.description)
        }
    }
}
