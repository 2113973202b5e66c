import Models
import Storage

extension TaskMaster {
    /// Defines a new template; its type comes from its script.
    public func createTemplate(_ request: TemplateRequest) throws(EngineError) -> TemplateInfo {
        try running.withLock { (_) throws(EngineError) -> TemplateInfo in
            let id = request.id ?? ""
            try TaskRequest.validate(id: id, kind: "template")
            if try storage({ () throws(StorageError) in try store.templates.find(id) }) != nil {
                throw .conflict("template \(id) already exists")
            }
            let script = request.script ?? ""
            let type = try Self.templateType(script)
            let now = clock.now()
            let record = TemplateRecord(id: id, type: type, script: script, created: now, modified: now)
            try storage { () throws(StorageError) in try store.templates.save(record) }
            return TemplateInfo(record: record)
        }
    }

    /// Changes the fields `request` carries of template `id` and renders every task created from it
    /// again with that task's vars, reloading the enabled ones. When a task fails to render, nothing
    /// changes and the error names the task (Kapacitor's `error reloading associated task x: ...`).
    public func updateTemplate(_ id: String, _ request: TemplateRequest) throws(EngineError) -> TemplateInfo {
        try running.withLock { (running) throws(EngineError) -> TemplateInfo in
            guard var template = try storage({ () throws(StorageError) in try store.templates.find(id) }) else {
                throw .notFound("template does not exist, cannot update")
            }
            if let newID = request.id, !newID.isEmpty, newID != id {
                try TaskRequest.validate(id: newID, kind: "template")
                if try storage({ () throws(StorageError) in try store.templates.find(newID) }) != nil {
                    throw .failed("failed to create new template for ID change: template already exists")
                }
                template.id = newID
            }
            if let script = request.script, !script.isEmpty { template.script = script }
            template.type = try Self.templateType(template.script)
            template.modified = clock.now()
            let tasks = try storage { () throws(StorageError) in try store.tasks.created(fromTemplate: id) }
            var rendered: [TaskRecord] = []
            for var task in tasks {
                task.templateID = template.id
                task.script = template.script
                do throws(EngineError) {
                    let analysis = try TaskScript(task.script, vars: TaskVars.stored(task.vars))
                    guard analysis.type != .invalid else { throw .invalid("invalid task type: invalid") }
                    task.type = analysis.type
                    if !analysis.dbrps.isEmpty { task.dbrps = analysis.dbrps }
                } catch {
                    throw .failed("error reloading associated task \(task.id): \(error.description)")
                }
                rendered.append(task)
            }
            let saved = template
            try storage { () throws(StorageError) in try store.templates.replace(id, with: saved, tasks: rendered) }
            for task in rendered where task.status == .enabled {
                halt(task.id, in: &running)
                try? launch(task, in: &running)
            }
            return TemplateInfo(record: template)
        }
    }

    /// Deletes template `id`; a missing template is not an error. As in Kapacitor, the tasks created
    /// from it keep running and keep its ID.
    public func deleteTemplate(_ id: String) throws(EngineError) {
        try running.withLock { (_) throws(EngineError) in
            _ = try storage { () throws(StorageError) in try store.templates.delete(id) }
        }
    }

    /// The template `id`.
    public func template(_ id: String) throws(EngineError) -> TemplateInfo {
        guard let record = try storage({ () throws(StorageError) in try store.templates.find(id) }) else {
            throw .notFound("no template exists")
        }
        return TemplateInfo(record: record)
    }

    /// Every template, sorted by ID.
    public func templates() throws(EngineError) -> [TemplateInfo] {
        try storage { () throws(StorageError) in try store.templates.all() }.map(TemplateInfo.init(record:))
    }

    /// The template a task names, or Kapacitor's `unknown template x: err: no template exists`
    /// (naming the ID the request sent, which is empty for an update that sent none).
    func template(_ id: String, unknown requested: String) throws(EngineError) -> TemplateRecord {
        guard let record = try storage({ () throws(StorageError) in try store.templates.find(id) }) else {
            throw .invalid("unknown template \(requested): err: no template exists")
        }
        return record
    }

    /// A template's type from its script, checking the script as a template (vars may lack values).
    static func templateType(_ script: String) throws(EngineError) -> TaskType {
        let analysis = try TaskScript(script, template: true)
        guard analysis.type != .invalid else { throw .invalid("invalid task type: invalid") }
        return analysis.type
    }
}
