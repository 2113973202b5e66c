import GRDB

/// The append-only list of schema migrations; never edit a shipped one, add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tasks-meta") { db in
            try db.create(table: "task") { table in
                table.primaryKey("id", .text)
                table.column("type", .text).notNull()
                table.column("dbrps", .text).notNull()
                table.column("script", .text).notNull()
                table.column("status", .text).notNull()
                table.column("templateID", .text).notNull().defaults(to: "")
                table.column("vars", .text).notNull().defaults(to: "{}")
                table.column("created", .integer).notNull()
                table.column("modified", .integer).notNull()
                table.column("lastEnabled", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "meta") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v2-templates") { db in
            try db.create(table: "template") { table in
                table.primaryKey("id", .text)
                table.column("type", .text).notNull()
                table.column("script", .text).notNull()
                table.column("created", .integer).notNull()
                table.column("modified", .integer).notNull()
            }
            try db.create(index: "task_on_templateID", on: "task", columns: ["templateID"])
        }
        migrator.registerMigration("v3-topic-handlers-and-events") { db in
            try db.create(table: "topicHandler") { table in
                table.column("topic", .text).notNull()
                table.column("id", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("options", .text).notNull().defaults(to: "{}")
                table.column("match", .text).notNull().defaults(to: "")
                table.primaryKey(["topic", "id"])
            }
            try db.create(table: "topicEvent") { table in
                table.column("topic", .text).notNull()
                table.column("id", .text).notNull()
                table.column("message", .text).notNull()
                table.column("details", .text).notNull()
                table.column("time", .integer).notNull()
                table.column("duration", .integer).notNull()
                table.column("level", .text).notNull()
                table.primaryKey(["topic", "id"])
            }
        }
        migrator.registerMigration("v4-recordings-replays") { db in
            try db.create(table: "recording") { table in
                table.primaryKey("id", .text)
                table.column("type", .text).notNull()
                table.column("size", .integer).notNull()
                table.column("date", .integer).notNull()
                table.column("error", .text).notNull()
                table.column("status", .text).notNull()
                table.column("progress", .double).notNull()
                table.column("path", .text).notNull()
            }
            try db.create(table: "replay") { table in
                table.primaryKey("id", .text)
                table.column("task", .text).notNull()
                table.column("recording", .text).notNull()
                table.column("recordingTime", .boolean).notNull()
                table.column("clock", .text).notNull()
                table.column("date", .integer).notNull()
                table.column("error", .text).notNull()
                table.column("status", .text).notNull()
                table.column("progress", .double).notNull()
                table.column("stats", .text).notNull()
            }
        }
        migrator.registerMigration("v5-config-overrides") { db in
            try db.create(table: "configOverride") { table in
                table.primaryKey("id", .text)
                table.column("options", .text).notNull()
                table.column("create", .boolean).notNull()
            }
        }
        migrator.registerMigration("v6-users") { db in
            try db.create(table: "user") { table in
                table.primaryKey("name", .text)
                table.column("hash", .text).notNull()
                table.column("admin", .boolean).notNull()
                table.column("privileges", .text).notNull()
            }
        }
        return migrator
    }
}
