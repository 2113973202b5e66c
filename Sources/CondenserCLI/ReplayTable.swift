import APIModels

/// The text layouts of `list recordings` and `list replays`, as the kapacitor CLI prints them.
enum ReplayTable {
    /// `ID  Type  Status  Size  Date`, sizes as go-humanize's `Bytes` (SI units).
    static func recordings(_ recordings: [RecordingResponse]) -> String {
        let width = max(2, recordings.map(\.id.utf8.count).max() ?? 0) + 1
        func row(_ columns: [String]) -> String {
            TaskTable.pad(columns[0], width) + TaskTable.pad(columns[1], 8) + TaskTable.pad(columns[2], 10)
                + TaskTable.pad(columns[3], 10) + TaskTable.pad(columns[4], 23) + "\n"
        }
        var output = row(["ID", "Type", "Status", "Size", "Date"])
        for recording in recordings {
            output += row([
                recording.id, recording.type.rawValue, recording.status, humanBytes(recording.size), TaskTable.rfc822(recording.date),
            ])
        }
        return output
    }

    /// `ID  Task  Recording  Status  Clock  Date`.
    static func replays(_ replays: [ReplayResponse]) -> String {
        let idWidth = max(2, replays.map(\.id.utf8.count).max() ?? 0) + 1
        let taskWidth = max(4, replays.map(\.task.utf8.count).max() ?? 0) + 1
        let recordingWidth = max(9, replays.map(\.recording.utf8.count).max() ?? 0) + 1
        func row(_ columns: [String]) -> String {
            TaskTable.pad(columns[0], idWidth) + TaskTable.pad(columns[1], taskWidth) + TaskTable.pad(columns[2], recordingWidth)
                + TaskTable.pad(columns[3], 9) + TaskTable.pad(columns[4], 8) + TaskTable.pad(columns[5], 23) + "\n"
        }
        var output = row(["ID", "Task", "Recording", "Status", "Clock", "Date"])
        for replay in replays {
            output += row([replay.id, replay.task, replay.recording, replay.status, replay.clock, TaskTable.rfc822(replay.date)])
        }
        return output
    }

    /// go-humanize's `Bytes`: `9 B`, `82 B`, `1.2 kB`, `15 MB`.
    static func humanBytes(_ size: Int64) -> String {
        guard size >= 10 else { return "\(size) B" }
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var exponent = 0
        var scaled = Double(size)
        while scaled >= 1000 && exponent < units.count - 1 {
            scaled /= 1000
            exponent += 1
        }
        let rounded = (scaled * 10 + 0.5).rounded(.down) / 10
        if rounded >= 10 { return "\(Int(rounded)) \(units[exponent])" }
        let tenths = Int((rounded * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[exponent])"
    }
}
