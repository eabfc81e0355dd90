import DrillCore

/// The drill builder (`/trainer/builder`): a drill as a form, from a blank one
/// or a drill already here, with the YAML it saves beside it, the station's
/// check as you type, and a seed's plan. Saving a changed drill raises its
/// version. The page works through `/api/builder/*` with the trainer token.
enum BuilderPage {
    static func render(_ profiles: [ProfileLibrary.Entry], station: Station) -> String {
        let templates = profiles.filter(\.runnable).compactMap { entry in
            entry.name.map { "<option value=\"\(escapeHTML($0))\">\(escapeHTML(entry.title ?? $0))</option>" }
        }.joined()
        let lights = station.lights.map { "<option value=\"\(escapeHTML($0.name))\">" }.joined()
        let switches = station.switches.map { "<option value=\"\(escapeHTML($0.name))\">" }.joined()
        let colors = ([""] + LightSpec.knownColors).map { "<option value=\"\($0)\">\($0.isEmpty ? "its own colour" : $0)</option>" }.joined()
        let scores = ["median_rt", "hits", "accuracy"].map { name in
            "<option value=\"\(name)\">\(escapeHTML(DrillScore(storedName: name)?.title ?? name))</option>"
        }.joined()
        let body = """
            <h1>Drill builder</h1>
            <p class="lead">Build a drill without a text editor: start from a blank drill or one already here, \
            change it, and save. Every change is checked as the station checks files; the YAML it saves is shown as you go.</p>
            <div class="builder">
            <form id="builder-form" class="card" novalidate>
            <label>Start from <select id="template"><option value="">a blank drill</option>\(templates)</select></label>
            <p id="template-note" class="note" role="status"></p>
            <label>Name (short, no spaces) <input name="name" id="drill-name" required autocomplete="off"></label>
            <label>Title <input name="title" autocomplete="off"></label>
            <label>What it trains <input name="description" autocomplete="off"></label>
            <h2>Cues</h2>
            <label>The cue is <select name="cue_source"><option value="lights">a light the station shows</option>\
            <option value="partner">a partner's move (their pad)</option></select></label>
            <div id="light-cues">
            <p class="note">What lights up, and which pad to hit. A no-go cue is one to leave alone.</p>
            <div id="cues"></div>
            <button type="button" id="add-cue">Add a cue</button>
            </div>
            <div id="partner-cues" hidden>
            <p class="note">The partner faces the athlete on their own pads: each partner pad calls the athlete's pad to hit. \
            A feint is a partner pad that calls nothing (the athlete stays put).</p>
            <div id="partner-pads"></div>
            <button type="button" id="add-partner-pad">Add a partner pad</button>
            <label>Feints (partner pads, commas between) <input name="partner_feints" list="station-switches" autocomplete="off"></label>
            <label>The cue is the partner's <select name="partner_on"><option value="press">press</option>\
            <option value="release">release (a hand leaving the pad)</option></select></label>
            <label class="inline"><input type="checkbox" name="partner_light"> also light the athlete's pad</label>
            <label>End the drill when the partner has not moved for (s) <input name="partner_wait" type="number" min="1"></label>
            </div>
            <h2>Blocks</h2>
            <p class="note">Run in order: a number of trials, a time (seconds) or a number of hits, in sets with a rest between.</p>
            <div id="blocks"></div>
            <button type="button" id="add-block">Add a block</button>
            <h2>Timing</h2>
            <div class="planned-only">
            <label>Wait before the cue (rapid fire: after the release), from (ms) <input name="foreperiod_min" type="number" min="0"></label>
            <label>to (ms) <input name="foreperiod_max" type="number" min="1"></label>
            </div>
            <label>Time to respond (ms) <input name="timeout" type="number" min="50"></label>
            <div class="planned-only">
            <label>Order <select name="order"><option value="random">random</option><option value="balanced">balanced (even counts, shuffled)</option><option value="sequence">in the order listed</option></select></label>
            <label>Share of no-go cues (0 to 0.9) <input name="nogo_probability" type="number" min="0" max="0.9" step="0.05"></label>
            <label class="inline"><input type="checkbox" name="rapid_fire"> rapid fire: the next cue as soon as the pad is released</label>
            </div>
            <label>Score <select name="score">\(scores)</select></label>
            <label>Plan preview for seed <input name="seed" type="number" min="0" value="1"></label>
            <div class="start-row"><button type="submit">Save the drill</button><p id="save-status" class="start-status" role="status" aria-live="polite"></p></div>
            <datalist id="station-lights">\(lights)</datalist>
            <datalist id="station-switches">\(switches)</datalist>
            <template id="cue-row"><fieldset class="row cue"><label>Cue <input data-field="name" autocomplete="off"></label>\
            <label>Light(s) <input data-field="lights" list="station-lights" autocomplete="off" placeholder="pad1, or pad1, pad2"></label>\
            <label>Colour <select data-field="color">\(colors)</select></label>\
            <label>Hit <input data-field="target" list="station-switches" autocomplete="off"></label>\
            <label class="inline"><input type="checkbox" data-field="nogo"> no-go</label>\
            <button type="button" class="danger remove">Remove</button></fieldset></template>
            <template id="partner-row"><fieldset class="row partner-pad"><label>Partner's pad <input data-field="pad" list="station-switches" autocomplete="off"></label>\
            <label>calls <input data-field="target" list="station-switches" autocomplete="off"></label>\
            <button type="button" class="danger remove">Remove</button></fieldset></template>
            <template id="block-row"><fieldset class="row block"><label>Block <input data-field="name" autocomplete="off"></label>\
            <label>Ends after <select data-field="length"><option value="trials">trials</option><option value="duration">seconds</option><option value="hits">hits</option></select></label>\
            <label>How many <input data-field="amount" type="number" min="1"></label>\
            <label>Sets <input data-field="sets" type="number" min="1"></label>\
            <label>Rest between sets (s) <input data-field="rest" type="number" min="1"></label>\
            <label class="planned-only">Order <select data-field="order"><option value="">as the drill</option><option value="random">random</option><option value="balanced">balanced</option><option value="sequence">in the order listed</option></select></label>\
            <label class="planned-only">Wait from (ms) <input data-field="wait_min" type="number" min="1" placeholder="as the drill"></label>\
            <label class="planned-only">to (ms) <input data-field="wait_max" type="number" min="1" placeholder="as the drill"></label>\
            <label>Time to respond (ms) <input data-field="timeout" type="number" min="50" placeholder="as the drill"></label>\
            <button type="button" class="danger remove">Remove</button></fieldset></template>
            </form>
            <section class="card builder-side">
            <h2>Check</h2>
            <p id="check" role="status" aria-live="polite">…</p>
            <h2>Plan preview</h2>
            <p id="plan-summary" class="note"></p>
            <ol id="plan" class="plan"></ol>
            <h2>The file it saves</h2>
            <pre id="yaml" class="yaml"></pre>
            </section>
            </div>
            <p><a href="/trainer">Back to the trainer page</a></p>
            """
        return HTMLPage.render(title: "Drill builder", section: .trainer, station: station.name, body: body, scripts: ["/assets/builder.js"])
    }
}
