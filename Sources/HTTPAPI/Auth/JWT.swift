import Crypto
import Foundation
import GoEncoding

/// The bearer tokens Kapacitor accepts with `[http] shared-secret`: JWTs signed with HMAC
/// (HS256, HS384 or HS512) whose claims carry `username` and an `exp` in the future.
enum JWT {
    /// The username of a valid `token`; throws the message Kapacitor answers 401 with. Without a
    /// secret no token is valid (Kapacitor would take tokens signed with an empty key, which
    /// anyone can make).
    static func username(_ token: String, secret: String, now: Date) throws(APIError) -> String {
        func invalid(_ reason: String) -> APIError { APIError(.unauthorized, "invalid token: \(reason)") }
        guard !secret.isEmpty else { throw invalid("bearer tokens need [http] shared-secret to be set") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw invalid("token contains an invalid number of segments") }
        guard let headerData = Base64URL.decode(parts[0]), let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              let payloadData = Base64URL.decode(parts[1]), let claims = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any],
              let signature = Base64URL.decode(parts[2])
        else { throw invalid("illegal base64 data in token") }
        let algorithm = header["alg"] as? String ?? ""
        let key = SymmetricKey(data: Data(secret.utf8))
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        let valid: Bool
        switch algorithm {
        case "HS256": valid = HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: key)
        case "HS384": valid = HMAC<SHA384>.isValidAuthenticationCode(signature, authenticating: signed, using: key)
        case "HS512": valid = HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: signed, using: key)
        default: throw invalid("unexpected signing method: \(algorithm)")
        }
        guard valid else { throw invalid("signature is invalid") }
        let seconds = now.timeIntervalSince1970
        let expiry = (claims["exp"] as? NSNumber)?.doubleValue
        if let expiry, expiry > 0, seconds >= expiry { throw invalid("Token is expired") }
        if let issued = (claims["iat"] as? NSNumber)?.doubleValue, seconds < issued { throw invalid("Token used before issued") }
        if let notBefore = (claims["nbf"] as? NSNumber)?.doubleValue, seconds < notBefore { throw invalid("Token is not valid yet") }
        guard let expiry, expiry > 0 else { throw APIError(.unauthorized, "token expiration required") }
        guard let name = claims["username"] as? String else { throw APIError(.unauthorized, "username in token must be a string") }
        guard !name.isEmpty else { throw APIError(.unauthorized, "token must contain a username") }
        return name
    }
}
