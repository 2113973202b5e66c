import Models

/// Turns a query's series into batches as Kapacitor's `ResultToBufferedBatches` and query node do.
enum QueryResults {
    /// One batch per series, empty ones included: every number becomes a float, null cells are no
    /// field, rows without fields are dropped, points carry the series' tags, the group is made of
    /// the series' tags (and name with `groupByMeasurement`). A batch's time is its last point's,
    /// or `stop` when it has none or the query is not grouped by time.
    static func batches(
        _ series: [QuerySeries], groupByMeasurement: Bool, stop: Timestamp, groupedByTime: Bool
    ) -> (batches: [Batch], points: Int) {
        var batches: [Batch] = []
        var pointCount = 0
        batches.reserveCapacity(series.count)
        for one in series {
            let tags = Tags(one.tags)
            let dimensions = Dimensions(byName: groupByMeasurement, tagNames: tags.map(\.key))
            var batch = Batch(
                name: one.name, group: dimensions.groupID(name: one.name, tags: tags), tags: tags, dimensions: dimensions,
                tmax: 0)
            let timeColumn = one.columns.firstIndex(of: "time")
            batch.points.reserveCapacity(one.values.count)
            for row in one.values {
                var fields: [Field] = []
                var time: Timestamp = 0
                for (column, name) in one.columns.enumerated() where column < row.count {
                    if column == timeColumn {
                        if case .int(let nanoseconds)? = row[column] { time = nanoseconds }
                        continue
                    }
                    switch row[column] {
                    case nil: continue
                    case .int(let value)?: fields.append(Field(name, .float(Double(value))))
                    case let value?: fields.append(Field(name, value))
                    }
                }
                guard !fields.isEmpty else { continue }
                if time > batch.tmax { batch.tmax = time }
                batch.points.append(BatchPoint(time: time, fields: Fields(fields.sorted { $0.key < $1.key }), tags: tags))
            }
            if batch.points.isEmpty || !groupedByTime { batch.tmax = stop }
            pointCount += batch.points.count
            batches.append(batch)
        }
        return (batches, pointCount)
    }
}
