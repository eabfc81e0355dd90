import DrillStore

/// The trainer's page: start or stop a drill on this station, add athletes,
/// upload and check profiles. Every action sends the trainer token, which the
/// browser keeps after it is entered once.
enum TrainerPage {
    static func render(_ profiles: [ProfileLibrary.Entry], athletes: [Athlete], canRunDrills: Bool, station: String) -> String {
        let options = profiles.filter(\.runnable).compactMap { entry in
            entry.name.map { name in
                "<option value=\"\(escapeHTML(name))\" data-title=\"\(escapeHTML(entry.title ?? name))\" data-sides=\"\(entry.sides?.count ?? 1)\""
                    + " data-partner=\"\(entry.partner == true ? 1 : 0)\">\(escapeHTML(entry.title ?? name))</option>"
            }
        }.joined()
        let names = athletes.map { "<option value=\"\(escapeHTML($0.name))\" data-team=\"\(escapeHTML($0.team ?? ""))\">" }.joined()
        let teams = Set(athletes.compactMap(\.team)).sorted().map { "<option>\(escapeHTML($0))</option>" }.joined()
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
            <label>Drill <select name="profile" id="drill-choice" required>\(options)</select></label>
            \(teams.isEmpty ? "" : "<label>Team <select id=\"team-filter\"><option value=\"\">all teams</option>\(teams)</select></label>")
            <label>Athlete <input name="athlete" id="athlete-1" list="athlete-names" autocomplete="off" placeholder="type to search, or a new name"></label>
            <label id="second-athlete" hidden>Second athlete (head-to-head) <input name="athlete2" list="athlete-names" autocomplete="off"></label>
            <label id="partner-field" hidden>Partner (gives the cues) <input name="partner" autocomplete="off" placeholder="optional"></label>
            <datalist id="athlete-names">\(names)</datalist>
            <label>Seed <input name="seed" type="number" min="0" placeholder="random"></label>
            <label class="inline"><input type="checkbox" name="add_athlete"> a new athlete: add the name as typed</label>
            <div class="start-row"><button type="submit">Start</button><p id="start-status" class="start-status" role="status" aria-live="polite"></p></div>
            </form>
            <form id="stop-form"><button type="submit" class="danger">Stop the running drill</button></form>
            <p><a href="/live">Open the live view</a> · <a href="/tv">TV view</a></p>
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
            <h2>Build a drill</h2>
            <p><a href="/trainer/builder">Open the drill builder</a>: make a drill from a form, or change one of these, without a text editor.</p>
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
