/// The live view's script: draws each picture from `/api/live/events`.
enum LiveScript {
    static let javascript = #"""
    "use strict";
    (function () {
      const $ = (id) => document.getElementById(id);
      const ms = (v) => (v === null || v === undefined) ? "–" : Math.round(v).toString();
      const phaseText = (s) => ({ ready: s.status === "idle" ? "waiting for a drill" : "get ready", foreperiod: "wait…", cue: "GO",
        responding: "…", waiting_for_home: "hold the home pad", waiting_for_start: "run through the start gate",
        waiting_for_partner: "watch your partner", rest: "rest",
        done: s.end === "complete" ? "done" : "stopped: " + (s.end || "") })[s.phase] || s.phase;
      function text(el, value) { if (el.textContent !== value) el.textContent = value; }
      function draw(s) {
        const drill = s.drill;
        $("live").dataset.status = s.status;
        text($("live-title"), drill ? drill.title : "No drill running");
        text($("live-who"), drill ? drill.athletes.map((a) => a.athlete).join(" vs ") : "");
        const area = $("live-cue");
        area.dataset.phase = s.phase;
        area.replaceChildren();
        if (s.phase === "cue" && s.cue) {
          if (s.cue.partner_switch) {
            const move = document.createElement("span");
            move.className = "phase-text partner-move";
            move.textContent = "partner: " + s.cue.partner_switch;
            area.appendChild(move);
          }
          for (const light of s.cue.lights) {
            const block = document.createElement("div");
            block.className = "cue-light";
            block.style.background = (s.cue.colors && s.cue.colors[light]) || (drill && drill.light_colors[light]) || "#ffffff";
            block.textContent = light;
            area.appendChild(block);
          }
          if (s.cue.sound) {
            const note = document.createElement("span");
            note.className = "phase-text";
            note.textContent = "♪";
            area.appendChild(note);
          }
        }
        if (area.childElementCount === 0) {
          const label = document.createElement("span");
          label.className = "phase-text";
          label.textContent = phaseText(s);
          area.appendChild(label);
        }
        text($("live-last"), s.last ? ms(s.last.reaction_time_milliseconds) : "–");
        text($("live-last-outcome"), s.last ? (drill && drill.athletes.length > 1 ? s.last.athlete + ": " : "") + s.last.label : "");
        // A drill whose sets end by time or hits has no planned total (0): the count alone.
        text($("live-progress"), drill ? (drill.planned_trials ? s.completed_trials + "/" + drill.planned_trials : String(s.completed_trials)) : "–");
        // A set that ends by time or hits: its hits and the time left (or the goal) under the count.
        text($("live-set-counter"), s.set_counter || "");
        $("live-bar").style.width = (drill && drill.planned_trials ? Math.min(100, 100 * s.completed_trials / drill.planned_trials) : 0) + "%";
        const body = $("live-sides").tBodies[0];
        body.replaceChildren();
        for (const side of s.sides) {
          const row = body.insertRow();
          // The drill's declared score leads ("score 31 hits"; its name is the page's title); head-to-head adds the wins.
          const cells = [side.athlete];
          if (side.score) cells.push("score " + side.score);
          if (side.wins !== null && side.wins !== undefined) cells.push(side.wins + " wins");
          cells.push("median " + ms(side.median_milliseconds) + " ms", "best " + ms(side.best_milliseconds) + " ms",
                     side.hits + "/" + side.judged + " hits");
          for (const cell of cells) {
            row.insertCell().textContent = cell;
          }
        }
        const recent = $("live-recent");
        recent.replaceChildren();
        for (const r of s.recent) {
          const item = document.createElement("li");
          item.className = "outcome " + r.outcome;
          item.textContent = (r.outcome === "hit" ? ms(r.reaction_time_milliseconds) + " ms" : r.label);
          recent.appendChild(item);
        }
      }
      let lastSequence = -1;
      function accept(s) { if (s.sequence !== lastSequence) { lastSequence = s.sequence; draw(s); } }
      try { accept(JSON.parse($("live-initial").textContent)); } catch (e) { /* the stream will draw it */ }
      function connect() {
        const source = new EventSource("/api/live/events");
        source.onopen = () => { text($("live-connection"), "live"); };
        source.addEventListener("state", (event) => { text($("live-connection"), "live"); accept(JSON.parse(event.data)); });
        source.onerror = () => { text($("live-connection"), "reconnecting…"); };
      }
      connect();
    })();
    """#
}
