/// The trainer's page: start or stop a drill on this station, add athletes,
/// upload and check profiles. Every action sends the trainer token, which the
/// browser keeps after it is entered once.
enum TrainerPage {
    static func render(_ profiles: [ProfileLibrary.Entry], athletes: [String], canRunDrills: Bool, station: String) -> String {
        let options = profiles.filter(\.runnable).compactMap { entry in
            entry.name.map { "<option value=\"\(escapeHTML($0))\">\(escapeHTML(entry.title ?? $0)) (\(escapeHTML($0)) v\(entry.version ?? 0), \(entry.trials ?? 0) trials)</option>" }
        }.joined()
        let names = athletes.map { "<option value=\"\(escapeHTML($0))\">" }.joined()
        let blocked = profiles.filter { !$0.runnable }.map { "<li><code>\(escapeHTML($0.file))</code>: \(escapeHTML($0.problem ?? ""))</li>" }.joined()
        let body = """
            <h1>Trainer</h1>
            <form id="token-form" class="card">
            <label>Trainer token <input type="password" id="token" autocomplete="current-password" required></label>
            <button type="submit">Remember</button> <span class="hint">given to <code>snapcue serve</code> (--token or SNAPCUE_TOKEN); kept in this browser</span>
            </form>
            <section class="card">
            <h2>Run a drill on this station</h2>
            \(canRunDrills ? "" : "<p class=\"error\">This server was started without a station to run drills on.</p>")
            <form id="start-form">
            <label>Drill <select name="profile" required>\(options)</select></label>
            <label>Athlete <input name="athlete" list="athlete-names" placeholder="name (one per side, comma-separated)"></label>
            <datalist id="athlete-names">\(names)</datalist>
            <label>Seed <input name="seed" type="number" min="0" placeholder="random"></label>
            <label class="inline"><input type="checkbox" name="add_athlete"> new athlete, even if the name looks like a typo</label>
            <button type="submit">Start</button>
            </form>
            <form id="stop-form"><button type="submit" class="danger">Stop the running drill</button></form>
            <p><a href="/live">Open the live view</a></p>
            </section>
            <section class="card">
            <h2>Add an athlete</h2>
            <form id="athlete-form">
            <label>Name <input name="name" required></label>
            <label>Team <input name="team"></label>
            <label>Birth year <input name="birth_year" type="number" min="1900" max="2100"></label>
            <label>Hand <select name="handedness"><option value="">–</option><option>right</option><option>left</option><option>ambidextrous</option></select></label>
            <button type="submit">Add</button>
            </form>
            </section>
            <section class="card">
            <h2>Upload a profile</h2>
            <form id="profile-form">
            <label>File <input type="file" name="file" accept=".yaml,.yml,.json"></label>
            <label>or paste it <textarea name="text" rows="10" spellcheck="false"></textarea></label>
            <label class="inline"><input type="checkbox" name="replace"> replace a file of the same name</label>
            <button type="submit" name="action" value="validate">Check only</button>
            <button type="submit" name="action" value="save">Check and save</button>
            </form>
            \(blocked.isEmpty ? "" : "<h3>Profiles this station cannot run</h3><ul>\(blocked)</ul>")
            </section>
            <pre id="result" class="result" role="status"></pre>
            """
        return HTMLPage.render(title: "Trainer", section: .trainer, station: station, body: body, scripts: ["/assets/trainer.js"])
    }
}
