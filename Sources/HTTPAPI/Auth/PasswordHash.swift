import Crypto
import CryptoExtras
import Foundation

/// Passwords as stored: PBKDF2-HMAC-SHA256 with a random salt, written
/// `pbkdf2-sha256$<rounds>$<salt>$<hash>` (base64).
enum PasswordHash {
    /// The rounds matching `[auth] bcrypt-cost` (2^cost bcrypt rounds take about as long as
    /// 205 · 2^cost PBKDF2 rounds; the default cost, 10, gives OWASP's 210 000).
    static func rounds(bcryptCost: Int) -> Int {
        min(205 << min(max(bcryptCost == 0 ? 10 : bcryptCost, 4), 31), Int(UInt32.max))
    }

    /// A new salted hash of `password`.
    static func make(_ password: String, rounds: Int) throws -> String {
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        let hash = try derive(password, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(salt.base64EncodedString())$\(hash.base64EncodedString())"
    }

    /// Whether `password` is the one `stored` was made from.
    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]),
              let salt = Data(base64Encoded: parts[2]), let expected = Data(base64Encoded: parts[3]),
              let hash = try? derive(password, salt: salt, rounds: rounds)
        else { return false }
        return hash.count == expected.count && zip(hash, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: Data, rounds: Int) throws -> Data {
        try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: rounds
        ).withUnsafeBytes { Data($0) }
    }
}
