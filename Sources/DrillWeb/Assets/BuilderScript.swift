/// The drill builder's script: keeps the form as a drill (`DrillForm` in JSON), asks the
/// station for the YAML, the check and the plan at each change, and saves.
enum BuilderScript {
    static let javascript = #"""
    "use strict";
    (function () {
      const form = document.getElementById("builder-form");
      const token = localStorage.getItem("snapcue-token") || "";
      const $ = (id) => document.getElementById(id);
      const blank = () => ({
        name: "my-drill", title: "My drill", description: "", version: 1,
        cues: [{ name: "go", lights: ["pad1"], colors: [""], target: "pad1", nogo: false }],
        blocks: [{ name: "work", length: "trials", amount: 12, sets: 1, rest_seconds: 30 }],
        foreperiod_min_milliseconds: 1000, foreperiod_max_milliseconds: 3000, timeout_milliseconds: 1500,
        order: "random", nogo_probability: 0, rapid_fire: false, score: "median_rt", max_repeats: 3, partner: null,
      });
      const blankPartner = () => ({ pads: [], targets: [], feints: [], on: "press", light: false, wait_seconds: 60 });
      let drill = blank();
      function headers() { return { "Authorization": "Bearer " + token, "Content-Type": "application/json" }; }
      function row(templateId, container, values) {
        const node = $(templateId).content.firstElementChild.cloneNode(true);
        for (const [field, value] of Object.entries(values)) {
          const input = node.querySelector("[data-field=" + field + "]");
          if (!input) continue;
          if (input.type === "checkbox") input.checked = value; else input.value = value;
        }
        node.querySelector(".remove").addEventListener("click", () => { node.remove(); changed(); });
        container.appendChild(node);
      }
      function show() {
        for (const name of ["name", "title", "description", "order", "score"]) form.elements[name].value = drill[name];
        form.elements.foreperiod_min.value = drill.foreperiod_min_milliseconds;
        form.elements.foreperiod_max.value = drill.foreperiod_max_milliseconds;
        form.elements.timeout.value = drill.timeout_milliseconds;
        form.elements.nogo_probability.value = drill.nogo_probability;
        form.elements.rapid_fire.checked = drill.rapid_fire;
        $("cues").replaceChildren();
        for (const cue of drill.cues) row("cue-row", $("cues"), { name: cue.name, lights: cue.lights.join(", "), color: cue.colors.find((c) => c) || "", target: cue.target, nogo: cue.nogo });
        const partner = drill.partner || blankPartner();
        form.elements.cue_source.value = drill.partner ? "partner" : "lights";
        $("partner-pads").replaceChildren();
        partner.pads.forEach((pad, i) => row("partner-row", $("partner-pads"), { pad, target: partner.targets[i] || "" }));
        form.elements.partner_feints.value = partner.feints.join(", ");
        form.elements.partner_on.value = partner.on;
        form.elements.partner_light.checked = partner.light;
        form.elements.partner_wait.value = partner.wait_seconds;
        showSource();
        $("blocks").replaceChildren();
        for (const block of drill.blocks) row("block-row", $("blocks"), {
          name: block.name, length: block.length, amount: block.amount, sets: block.sets, rest: block.rest_seconds, order: block.order || "",
          wait_min: block.foreperiod_min_milliseconds ?? "", wait_max: block.foreperiod_max_milliseconds ?? "", timeout: block.timeout_milliseconds ?? "",
        });
      }
      // A partner drill: the partner's pads replace the cue rows, and the wait, order and no-go share (the partner chooses) go.
      function showSource() {
        const partner = form.elements.cue_source.value === "partner";
        $("light-cues").hidden = partner;
        $("partner-cues").hidden = !partner;
        form.classList.toggle("partner-drill", partner);
        if (partner && !$("partner-pads").children.length) row("partner-row", $("partner-pads"), { pad: "", target: "" });
      }
      function read() {
        const number = (name, fallback) => { const v = Number(form.elements[name].value); return Number.isFinite(v) && form.elements[name].value !== "" ? v : fallback; };
        drill.name = form.elements.name.value.trim();
        drill.title = form.elements.title.value.trim() || drill.name;
        drill.description = form.elements.description.value.trim();
        drill.order = form.elements.order.value;
        drill.score = form.elements.score.value;
        drill.foreperiod_min_milliseconds = number("foreperiod_min", 1000);
        drill.foreperiod_max_milliseconds = number("foreperiod_max", drill.foreperiod_min_milliseconds);
        drill.timeout_milliseconds = number("timeout", 1500);
        drill.nogo_probability = number("nogo_probability", 0);
        drill.rapid_fire = form.elements.rapid_fire.checked;
        drill.cues = Array.from($("cues").children).map((node) => {
          const get = (field) => node.querySelector("[data-field=" + field + "]");
          const lights = get("lights").value.split(",").map((s) => s.trim()).filter((s) => s);
          return { name: get("name").value.trim(), lights, colors: lights.map(() => get("color").value), target: get("target").value.trim(), nogo: get("nogo").checked };
        });
        if (form.elements.cue_source.value === "partner") {
          const pairs = Array.from($("partner-pads").children).map((node) => ({
            pad: node.querySelector("[data-field=pad]").value.trim(), target: node.querySelector("[data-field=target]").value.trim(),
          }));
          drill.partner = {
            pads: pairs.map((p) => p.pad), targets: pairs.map((p) => p.target),
            feints: form.elements.partner_feints.value.split(",").map((s) => s.trim()).filter((s) => s),
            on: form.elements.partner_on.value, light: form.elements.partner_light.checked,
            wait_seconds: Number(form.elements.partner_wait.value) || 60,
          };
          drill.cues = [];
        } else {
          drill.partner = null;
        }
        drill.blocks = Array.from($("blocks").children).map((node, index) => {
          const get = (field) => node.querySelector("[data-field=" + field + "]");
          const optional = (field) => get(field).value === "" ? null : Number(get(field).value);
          return {
            name: get("name").value.trim(), length: get("length").value, amount: Number(get("amount").value) || 1, sets: Number(get("sets").value) || 1,
            rest_seconds: Number(get("rest").value) || 30, order: get("order").value || null,
            foreperiod_min_milliseconds: optional("wait_min"), foreperiod_max_milliseconds: optional("wait_max"), timeout_milliseconds: optional("timeout"),
            cap_seconds: (drill.blocks[index] || {}).cap_seconds ?? null,
          };
        });
      }
      let pending = null;
      function changed() {
        read();
        clearTimeout(pending);
        pending = setTimeout(preview, 250);
      }
      async function preview() {
        if (!token) { $("check").textContent = "Enter the trainer token on the trainer page first."; return; }
        const seed = Number(form.elements.seed.value) || 1;
        const response = await fetch("/api/builder/preview?seed=" + seed, { method: "POST", headers: headers(), body: JSON.stringify(drill) });
        const data = await response.json();
        if (!response.ok) { $("check").textContent = data.error + (data.fix ? " " + data.fix : ""); $("check").className = "error"; return; }
        $("yaml").textContent = data.yaml;
        if (data.problem) {
          $("check").textContent = data.problem + (data.fix ? " Fix: " + data.fix : "");
          $("check").className = "error";
          $("plan").replaceChildren();
          $("plan-summary").textContent = "";
          return;
        }
        const minutes = Math.max(1, Math.round(data.plan.estimated_seconds / 60));
        $("check").textContent = "Ready: it runs on this station.";
        $("check").className = "ok";
        $("plan-summary").textContent = (data.plan.open_sets ? "Sets that end by time or hits draw their cues as they run. " : "")
          + data.plan.trials.length + " trials planned for seed " + data.plan.seed + ", about " + minutes + " min with the rests.";
        $("plan").replaceChildren(...data.plan.trials.slice(0, 40).map((t) => {
          const item = document.createElement("li");
          item.textContent = t.block + " · set " + t.set + ": " + (t.cue || "no cue (catch)") + " after " + t.foreperiod_milliseconds + " ms";
          return item;
        }));
      }
      $("template").addEventListener("change", async (e) => {
        $("template-note").textContent = "";
        if (!e.target.value) { drill = blank(); show(); changed(); return; }
        const response = await fetch("/api/builder/" + encodeURIComponent(e.target.value), { headers: headers() });
        const data = await response.json();
        if (!response.ok) { $("template-note").textContent = data.error + (data.fix ? " " + data.fix : ""); return; }
        drill = data;
        $("template-note").textContent = "Editing " + data.title + " (v" + data.version + "): saving a change makes it v" + (data.version + 1) + ", so its leaderboard keeps comparing like with like.";
        show();
        changed();
      });
      $("add-cue").addEventListener("click", () => { row("cue-row", $("cues"), { name: "cue" + ($("cues").children.length + 1), lights: "", color: "", target: "", nogo: false }); changed(); });
      $("add-partner-pad").addEventListener("click", () => { row("partner-row", $("partner-pads"), { pad: "", target: "" }); changed(); });
      form.elements.cue_source.addEventListener("change", showSource);
      $("add-block").addEventListener("click", () => { row("block-row", $("blocks"), { name: "block" + ($("blocks").children.length + 1), length: "trials", amount: 10, sets: 1, rest: 30 }); changed(); });
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        read();
        const status = $("save-status");
        status.textContent = "Saving…";
        const response = await fetch("/api/builder/save", { method: "POST", headers: headers(), body: JSON.stringify(drill) });
        const data = await response.json();
        if (!response.ok) { status.textContent = "Not saved: " + data.error + (data.fix ? " " + data.fix : ""); status.className = "start-status error"; return; }
        status.className = "start-status ok";
        status.textContent = !data.changed ? "Nothing to save: the station already has this drill as v" + data.version + "."
          : "Saved " + data.entry.name + " v" + data.version + ": it is in the trainer page's drill menu."
            + (data.earlier_file_kept_as ? " The earlier file, comments and all, is kept as " + data.earlier_file_kept_as + "." : "");
        drill.version = data.version;
      });
      show();
      changed();
    })();
    """#
}
