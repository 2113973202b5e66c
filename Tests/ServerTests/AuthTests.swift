import Crypto
import Foundation
import HTTPTypes
import Models
import Testing

/// `[http] auth-enabled` and the users API of `[auth] enabled`, with Kapacitor's statuses and messages.
@Suite struct AuthTests {
    /// `Authorization: Basic …` of `user:password`.
    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    /// A JWT of `claims` signed with HS256 and `secret`.
    static func token(_ claims: String, secret: String, header: String = #"{"alg":"HS256","typ":"JWT"}"#) -> String {
        func encode(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let signed = encode(Data(header.utf8)) + "." + encode(Data(claims.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return signed + "." + encode(Data(signature))
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer " + token] }

    @Test func withoutUsersAnyCredentialsWorkButSomeAreNeeded() async throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory, extra: "[http]\n  auth-enabled = true\n  shared-secret = \"s3cret\"\n")
        try await withDaemon(config) { client, _ async throws in
            let (status, error) = try await client.json(.get, "/kapacitor/v1/tasks")
            #expect(status == .unauthorized && error["error"] as? String == "unable to parse authentication credentials")
            #expect(try await client.call(.get, "/kapacitor/v1/ping").status == .unauthorized)
            #expect(try await client.call(.get, "/kapacitor/v1/ping", headers: Self.basic("anyone", "anything")).status == .noContent)
            #expect(try await client.call(.get, "/kapacitor/v1/tasks?u=anyone&p=x").status == .ok)
            // `/debug/vars` is open only with `pprof-enabled`, as Kapacitor's debug routes are.
            #expect(try await client.call(.get, "/kapacitor/v1/debug/vars").status == .unauthorized)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu v=1\n", headers: Self.basic("~subscriber", "tok")).status == .noContent)

            let future = Int(Date().timeIntervalSince1970) + 3600
            let good = Self.token(#"{"username":"bob","exp":\#(future)}"#, secret: "s3cret")
            #expect(try await client.call(.get, "/kapacitor/v1/tasks", headers: Self.bearer(good)).status == .ok)
            for (token, message) in [
                (Self.token(#"{"username":"bob","exp":\#(future)}"#, secret: "other"), "invalid token: signature is invalid"),
                (Self.token(#"{"username":"bob","exp":1000}"#, secret: "s3cret"), "invalid token: Token is expired"),
                (Self.token(#"{"username":"bob"}"#, secret: "s3cret"), "token expiration required"),
                (Self.token(#"{"username":"","exp":\#(future)}"#, secret: "s3cret"), "token must contain a username"),
                (Self.token(#"{"username":"bob","exp":\#(future)}"#, secret: "s3cret", header: #"{"alg":"none"}"#),
                 "invalid token: unexpected signing method: none"),
                ("a.b", "invalid token: token contains an invalid number of segments"),
                (Self.token(#"{"username":"bob","exp":\#(future),"nbf":\#(future)}"#, secret: "s3cret"), "invalid token: Token is not valid yet"),
            ] {
                let (status, error) = try await client.json(.get, "/kapacitor/v1/tasks", headers: Self.bearer(token))
                #expect(status == .unauthorized)
                #expect(error["error"] as? String == message)
            }
        }
    }

    @Test func withoutASharedSecretNoBearerTokenIsValid() async throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory, extra: "[http]\n  auth-enabled = true\n  pprof-enabled = true\n")
        try await withDaemon(config) { client, _ async throws in
            let future = Int(Date().timeIntervalSince1970) + 3600
            let forged = Self.token(#"{"username":"root","exp":\#(future)}"#, secret: "")
            let (status, error) = try await client.json(.get, "/kapacitor/v1/tasks", headers: Self.bearer(forged))
            #expect(status == .unauthorized)
            #expect(error["error"] as? String == "invalid token: bearer tokens need [http] shared-secret to be set")
            #expect(try await client.call(.get, "/kapacitor/v1/debug/vars").status == .ok)
        }
    }

    @Test func usersAndTheirPermissions() async throws {
        let directory = TemporaryDirectory()
        let users = "[auth]\n  enabled = true\n  bcrypt-cost = 4\n"
        // Users are made while the API is open, then the API requires them.
        try await withDaemon(try testConfig(directory, extra: users)) { client, _ async throws in
            let admin = #"{"name":"root","password":"rootpw","type":"admin"}"#
            let (status, created) = try await client.json(.post, "/kapacitor/v1/users", admin)
            #expect(status == .ok)
            #expect(created["type"] as? String == "admin" && (created["link"] as? [String: String])?["href"] == "/kapacitor/v1/users/root")
            for user in [
                #"{"name":"reader","password":"readpw","permissions":["api"]}"#,
                #"{"name":"writer","password":"writepw","permissions":["write_points"]}"#,
                #"{"name":"ops@example.com","password":"opspw","permissions":["api","config_api","write_points"]}"#,
            ] {
                #expect(try await client.call(.post, "/kapacitor/v1/users", user).status == .ok)
            }
            for (body, status, message) in [
                (#"{"password":"x"}"#, HTTPResponse.Status.badRequest, "username is required"),
                (#"{"name":"bad name","password":"x"}"#, .badRequest,
                 #"username must contain only letters, numbers, '-', '.', '@' and '_'. "bad name""#),
                (#"{"name":"nopw"}"#, .badRequest, "password is required"),
                (#"{"name":"x","password":"x","permissions":["root"]}"#, .badRequest, "invalid JSON"),
                (#"{"name":"reader","password":"x"}"#, .internalServerError, "failed to create user: creating user: user already exists"),
            ] {
                let (got, error) = try await client.json(.post, "/kapacitor/v1/users", body)
                #expect(got == status && error["error"] as? String == message)
            }
            let (_, list) = try await client.json(.get, "/kapacitor/v1/users")
            let listed = try #require(list["users"] as? [[String: Any]])
            #expect(listed.map { $0["name"] as? String } == ["ops@example.com", "reader", "root", "writer"])
            #expect(listed.first?["permissions"] as? [String] == ["all"])
            #expect(listed[1]["permissions"] as? [String] == ["api"])
        }
        try await withDaemon(try testConfig(directory, extra: users + "[http]\n  auth-enabled = true\n")) { client, daemon async throws in
            let root = Self.basic("root", "rootpw")
            #expect(try await client.call(.get, "/kapacitor/v1/tasks", headers: root).status == .ok)
            let (wrong, failed) = try await client.json(.get, "/kapacitor/v1/tasks", headers: Self.basic("root", "nope"))
            #expect(wrong == .unauthorized && failed["error"] as? String == "authorization failed")

            let reader = Self.basic("reader", "readpw")
            #expect(try await client.call(.get, "/kapacitor/v1/tasks", headers: reader).status == .ok)
            let (denied, error) = try await client.json(.post, "/write?db=telegraf", "cpu v=1\n", headers: reader)
            #expect(denied == .forbidden)
            #expect(error["error"] as? String == #"user reader does not have "write" privilege for API endpoint "/write""#)
            #expect(try await client.call(.get, "/kapacitor/v1/config", headers: reader).status == .forbidden)
            // The preview prefix and unclean paths lead nowhere else.
            #expect(try await client.call(.get, "/kapacitor/v1preview/config", headers: reader).status == .forbidden)
            let (moved, _, movedHeaders) = try await client.call(.get, "//kapacitor/v1/./config/?x=1", headers: reader)
            #expect(moved == .movedPermanently && movedHeaders[.location] == "/kapacitor/v1/config/?x=1")

            let writer = Self.basic("writer", "writepw")
            #expect(try await client.call(.get, "/kapacitor/v1/ping", headers: writer).status == .noContent)
            #expect(try await client.call(.get, "/kapacitor/v1/tasks", headers: writer).status == .forbidden)
            // As in Kapacitor, only admins and subscriptions have privileges on databases.
            let (unwritten, refusal) = try await client.json(.post, "/write?db=telegraf", "cpu v=1\n", headers: writer)
            #expect(unwritten == .unauthorized)
            #expect(refusal["error"] as? String == #""writer" user is not authorized to write to database "telegraf""#)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu v=1\n", headers: root).status == .noContent)

            try daemon.api.authenticator.grant("tok", to: DBRP(db: "telegraf", rp: "autogen"))
            let subscription = Self.basic("~subscriber", "tok")
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu v=1\n", headers: subscription).status == .noContent)
            #expect(try await client.call(.post, "/write?db=other", "cpu v=1\n", headers: subscription).status == .unauthorized)
            for path in ["/write/?db=other", "/kapacitor/v1/write?db=other", "/kapacitor/v1preview/write?db=other"] {
                #expect(try await client.call(.post, path, "cpu v=1\n", headers: subscription).status != .noContent)
            }
            #expect(try await client.call(.post, "/write?db=telegraf", "cpu v=1\n", headers: Self.basic("~subscriber", "bad")).status == .unauthorized)

            // A new password replaces the old one at once; a deleted user is gone.
            let patched = try await client.call(.patch, "/kapacitor/v1/users/reader", #"{"password":"newpw"}"#, headers: root)
            #expect(patched.status == .ok)
            #expect(try await client.call(.get, "/kapacitor/v1/tasks", headers: reader).status == .unauthorized)
            #expect(try await client.call(.get, "/kapacitor/v1/tasks", headers: Self.basic("reader", "newpw")).status == .ok)
            #expect(try await client.call(.delete, "/kapacitor/v1/users/writer", headers: root).status == .noContent)
            #expect(try await client.call(.get, "/kapacitor/v1/ping", headers: writer).status == .unauthorized)
            let (missing, gone) = try await client.json(.get, "/kapacitor/v1/users/writer", headers: root)
            #expect(missing == .notFound && gone["error"] as? String == "no user exists")
            let (promoted, user) = try await client.json(.patch, "/kapacitor/v1/users/reader", #"{"type":"admin"}"#, headers: root)
            #expect(promoted == .ok && user["type"] as? String == "admin" && (user["permissions"] as? [Any])?.isEmpty == true)
            #expect(try await client.call(.get, "/kapacitor/v1/config", headers: Self.basic("reader", "newpw")).status == .ok)

            // Names are percent-decoded in paths.
            #expect(try await client.call(.post, "/kapacitor/v1/users", #"{"name":"josé","password":"pw"}"#, headers: root).status == .ok)
            #expect(try await client.call(.get, "/kapacitor/v1/users/jos%C3%A9", headers: root).status == .ok)
        }
    }
}
