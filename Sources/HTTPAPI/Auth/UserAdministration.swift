import APIModels
import Foundation
import Storage

/// The users API's rules and conversions (Kapacitor's auth service handlers).
enum UserAdministration {
    /// Go's `^[-\._\p{L}0-9@]+$`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic && scalar.properties.generalCategory.isLetter
                || ("0"..."9").contains(scalar) || "-._@".unicodeScalars.contains(scalar)
        }
    }

    /// Privileges as stored: `{"/api": ["all"]}`.
    static func text(_ privileges: [String: Privilege]) -> String {
        JSONBody.text(privileges.mapValues { mask in Privilege.names.filter { mask.contains($0.0) }.map(\.1) })
    }

    /// Privileges read back from `text`.
    static func privileges(_ text: String) -> [String: Privilege] {
        guard let names = JSONBody.value([String: [String]].self, from: text) else { return [:] }
        var privileges: [String: Privilege] = [:]
        for (resource, list) in names {
            privileges[AuthUser.clean(resource)] = Privilege(list.compactMap { name in Privilege.names.first { $0.1 == name }?.0 })
        }
        return privileges
    }

    /// A user as the API shows it.
    static func response(_ record: UserRecord) -> UserResponse {
        UserResponse(
            link: Link(href: "/kapacitor/v1/users/" + record.name), name: record.name, type: record.admin ? "admin" : "normal",
            permissions: Permissions.permissions(privileges(record.privileges)))
    }
}

extension Unicode.GeneralCategory {
    /// Whether the category is one of Unicode's letters (`\p{L}`).
    var isLetter: Bool {
        switch self {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }
}
