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
      async function send(method, url, body, type) {
        const headers = { "Authorization": "Bearer " + tokenInput.value };
        if (type) headers["Content-Type"] = type;
        const response = await fetch(url, { method, headers, body });
        const text = await response.text();
        let shown = text;
        try { const data = JSON.parse(text); shown = data.error ? data.error + (data.fix ? "\nfix: " + data.fix : "") : JSON.stringify(data, null, 2); } catch (e) {}
        result.textContent = response.status + " " + response.statusText + "\n" + shown;
        result.className = "result" + (response.ok ? "" : " error");
        return response.ok;
      }
      document.getElementById("start-form").addEventListener("submit", async (e) => {
        e.preventDefault();
        const form = new FormData(e.target);
        const athletes = (form.get("athlete") || "").split(",").map((s) => s.trim()).filter((s) => s);
        const body = { profile: form.get("profile"), athletes, add_athlete: form.get("add_athlete") === "on" };
        if (form.get("seed")) body.seed = Number(form.get("seed"));
        if (await send("POST", "/api/drills", JSON.stringify(body), "application/json")) window.open("/live", "snapcue-live");
      });
      document.getElementById("stop-form").addEventListener("submit", (e) => { e.preventDefault(); send("POST", "/api/drills/stop"); });
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
