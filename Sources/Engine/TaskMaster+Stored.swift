import Storage

extension TaskMaster {
    /// The stored task `id`, or Kapacitor's "no task exists".
    func storedTask(_ id: String) throws(EngineError) -> TaskRecord {
        guard let record = try storage({ () throws(StorageError) in try store.tasks.find(id) }) else {
            throw .notFound("no task exists")
        }
        return record
    }
}
