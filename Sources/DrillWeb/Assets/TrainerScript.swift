/// The trainer page's script: sends each form to the JSON API with the token.
enum TrainerScript {
    static let javascript = #"""
    "use strict";
    (function () {
      const tokenInput = document.getElementById("token");
      const result = document.getElementById("result");
      tokenInput.value = localStorage.getItem("snapcue-token") || "";
      document.getElementById("token-form").addEventListener("submit", (e) => {
        e.preventDefault();
        localStorage.setItem("snapcue-token", tokenInput.value);
        result.textContent = "Token remembered in this browser.";
      });
      // One request with the token: its status and its JSON (an error's `error` and `fix`).
      async function call(method, url, body, type = "application/json") {
        const headers = { "Authorization": "Bearer " + tokenInput.value, "Content-Type": type };
        const response = await fetch(url, { method, headers, body });
        let data = {};
        try { data = await response.json(); } catch (e) {}
        return { ok: response.ok, status: response.status, statusText: response.statusText, data };
      }
      // A request whose answer is shown in the result box at the foot of the page.
      async function send(method, url, body, type) {
        const answer = await call(method, url, body, type);
        const data = answer.data;
        result.textContent = answer.status + " " + answer.statusText + "\n" + (data.error ? data.error + (data.fix ? "\nfix: " + data.fix : "") : JSON.stringify(data, null, 2));
        result.className = "result" + (answer.ok ? "" : " error");
        return answer.ok;
      }
      // Starting a drill from a phone: the drill says how many athletes (and whether a partner) it needs;
      // the team narrows the names offered; the outcome is said beside the Start button, in words.
      const drillChoice = document.getElementById("drill-choice");
      const status = document.getElementById("start-status");
      const names = document.getElementById("athlete-names");
      const allNames = Array.from(names.options).map((o) => ({ name: o.value, team: o.dataset.team }));
      function fitDrill() {
        const chosen = drillChoice.selectedOptions[0];
        document.getElementById("second-athlete").hidden = !chosen || chosen.dataset.sides !== "2";
        document.getElementById("partner-field").hidden = !chosen || chosen.dataset.partner !== "1";
      }
      drillChoice.addEventListener("change", fitDrill);
      fitDrill();
      const teamFilter = document.getElementById("team-filter");
      if (teamFilter) teamFilter.addEventListener("change", () => {
        names.replaceChildren(...allNames.filter((a) => !teamFilter.value || a.team === teamFilter.value).map((a) => {
          const option = document.createElement("option");
          option.value = a.name;
          return option;
        }));
      });
      function say(text, ok, link) {
        status.replaceChildren(document.createTextNode(text));
        if (link) {
          const anchor = document.createElement("a");
          anchor.href = link.href;
          anchor.textContent = link.text;
          status.append(" ", anchor);
        }
        status.className = "start-status " + (ok ? "ok" : "error");
      }
      document.getElementById("start-form").addEventListener("submit", async (e) => {
        e.preventDefault();
        const form = new FormData(e.target);
        const athletes = [form.get("athlete"), document.getElementById("second-athlete").hidden ? "" : form.get("athlete2")]
          .map((s) => (s || "").trim()).filter((s) => s);
        const body = { profile: form.get("profile"), athletes, add_athlete: form.get("add_athlete") === "on" };
        if (form.get("seed")) body.seed = Number(form.get("seed"));
        if (!document.getElementById("partner-field").hidden && (form.get("partner") || "").trim()) body.partner = form.get("partner").trim();
        say("Starting…", true);
        const answer = await call("POST", "/api/drills", JSON.stringify(body));
        if (answer.ok) {
          const who = (answer.data.athletes || []).map((a) => a.athlete).join(" vs ");
          say("Started " + who + " on " + answer.data.title + ".", true, { href: "/live", text: "Watch live →" });
        } else if (answer.status === 401) {
          say("Enter the trainer token above first (it is printed when the station's web app starts).", false);
        } else {
          say("Not started: " + (answer.data.error || "the station said " + answer.status) + (answer.data.fix ? ". " + answer.data.fix : ""), false);
        }
      });
      document.getElementById("stop-form").addEventListener("submit", async (e) => {
        e.preventDefault();
        if (!window.confirm("Stop the running drill? The trials done so far are kept.")) return;
        const answer = await call("POST", "/api/drills/stop");
        say(answer.ok ? "Stopping: the trials done so far are kept." : "Nothing stopped: " + (answer.data.error || answer.status), answer.ok);
      });
      document.getElementById("athlete-form").addEventListener("submit", (e) => {
        e.preventDefault();
        const form = new FormData(e.target);
        const body = { name: form.get("name") };
        if (form.get("team")) body.team = form.get("team");
        if (form.get("birth_year")) body.birth_year = Number(form.get("birth_year"));
        if (form.get("handedness")) body.handedness = form.get("handedness");
        send("POST", "/api/athletes", JSON.stringify(body), "application/json");
      });
      document.getElementById("profile-form").addEventListener("submit", async (e) => {
        e.preventDefault();
        const form = new FormData(e.target);
        const file = form.get("file");
        const text = (file && file.size) ? await file.text() : form.get("text");
        const action = e.submitter ? e.submitter.value : "validate";
        const query = action === "save" ? (form.get("replace") === "on" ? "?replace=true" : "") : "?validate_only=true";
        send("POST", "/api/profiles" + query, text, "application/yaml");
      });
    })();
    """#
}
