/* "My pump record" (/pump-record/): fills the sheet from a refill-planner link, /pump-record/#pump=...&dose=...
   Everything happens in this browser: the numbers come from the page address (the part after #), they are checked
   by the planner's own compute() in refill-core.js (window.ITBRefill), and they are written with textContent only.
   Nothing is sent.

   The sheet says no more than the planner would: it shows only values compute() accepted, names each value it
   refused and why ("dose: Did you mean 400 mcg? ..."), says "missing" only of values the link did not have, and
   carries the planner's lead message (a refill date after today, a date that has passed), its warnings and its
   "This date has passed" notes. Emergency staff read this sheet. */
(function () {
  "use strict";

  var FIELDS = ["pump", "reservoir", "vol", "alarm", "conc", "dose", "filled", "margin"];

  function fmt(R, value) {
    var p = R.parseDecimal(value);
    return p.error ? "" : R.fmtMilli(p.milli);
  }

  function fill(sheet) {
    var R = window.ITBRefill;
    var hash = String(window.location.hash || "");
    var note = sheet.querySelector(".pump-record__planner-note");
    if (!R || hash.indexOf("=") < 0) return; /* no planner numbers: the blank sheet stays blank */
    var cfgEl = sheet.querySelector("script.itb-refill-config");
    var cfg = R.config;
    if (!cfg && cfgEl) {
      try { cfg = R.setConfig(JSON.parse(cfgEl.textContent)); } catch (e) { return; }
    }
    if (!cfg) return;
    var parsed = R.parseFragment(hash, cfg), v = parsed.values; /* the planner's own validator */
    var skipped = parsed.ignored.map(function (i) { return i.key; });
    /* as the planner does: a reservoir with no pump named means "another pump" */
    if (v.reservoir != null && v.pump == null && skipped.indexOf("pump") < 0) v.pump = "custom";
    var now = R.todayDay(), out = R.compute(v, cfg, now), r = out.result;
    var accepted = function (k) { return v[k] != null && !out.errors[k]; };
    var pump = accepted("pump") ? cfg.pumps.filter(function (p) { return p.id === v.pump; })[0] || null : null;

    function set(name, text) {
      var nodes = sheet.querySelectorAll('[data-field="' + name + '"]');
      for (var j = 0; j < nodes.length; j++) nodes[j].textContent = text == null ? "" : String(text);
    }
    function when(day, long) { /* a date, with the planner's note when it has passed, is today or is ahead */
      if (long === null) return "After " + cfg.dateRange[1].slice(0, 4) + ": see the note above.";
      return long + (day < now ? ". This date has passed." : day === now ? ". This date is today." : "");
    }
    set("pump-model", pump ? pump.name : "");
    set("reservoir", pump ? fmt(R, pump.reservoir) : v.pump === "custom" && accepted("reservoir") ? fmt(R, v.reservoir) : "");
    set("concentration", accepted("conc") ? fmt(R, v.conc) : "");
    set("dose", accepted("dose") ? fmt(R, v.dose) : "");
    var filled = accepted("filled") ? R.parseDate(v.filled, cfg) : null;
    set("refill-date", filled ? R.longDay(filled.day) + (filled.day > now ? ". This date has not happened yet." : "") : "");
    set("alarm-date", out.ok ? when(r.alarmDay, r.alarmLong) : "");
    set("refill-by", !out.ok ? "" : r.refillByDays === null ? "No date: see the note above."
      : when(r.refillByDay, r.refillByLong));
    if (note) note.hidden = false;
    if (note) writeNote(note, R, cfg, parsed, out, now, skipped);
    sheet.setAttribute("data-filled", out.ok ? "planner" : "partial");
  }

  /* The note at the top of the sheet, one line each: what leads the planner's result, where the numbers came
     from, each refused value, what was missing, the link notice, the warnings, and the printout. */
  function writeNote(note, R, cfg, parsed, out, now, skipped) {
    var lines = [];
    function line(strong, text) { lines.push([strong, text]); }
    if (out.ok) {
      var r = out.result, code = R.urgency(r, now, cfg), lead = R.leadFor(code, r, cfg);
      var outside = !r.inRange.alarm || !r.inRange.empty || !r.inRange.refillBy;
      out.warnings.forEach(function (w) { if (w.code === "filled_future") line(w.text, ""); });
      if (lead.ask) line(lead.ask, " " + lead.link + " " + lead.text);
      else if (code) line(lead.text, "");
      if (outside) line(cfg.states.out_of_range, "");
    }
    line("", "Filled in from the refill planner, on this device. Nothing was sent anywhere.");
    var refused = [], missing = [];
    FIELDS.forEach(function (k) {
      var c = out.codes[k];
      if (!c) return;
      if (c !== "empty") refused.push(k + ": " + out.errors[k]);
      else if (skipped.indexOf(k) < 0) missing.push(k);
    });
    if (refused.length) {
      line("", refused.length === 1 ? "This value was not used:" : "These values were not used:");
      refused.forEach(function (t) { line("", t); });
    }
    var notice = R.noticeText(parsed, cfg);
    if (notice) line("", notice);
    if (missing.length) line("", "The link did not have: " + missing.join(", ") + ".");
    if (parsed.rejectedDate) line("", "The refill date in the link could not be used, so no dates are shown.");
    else if (!out.ok) line("", "No dates are shown.");
    if (out.ok) out.warnings.forEach(function (w) { if (w.code !== "filled_future") line("Please check: ", w.text); });
    line("", "Check every value against the printout from your clinic's programmer.");
    note.textContent = "";
    lines.forEach(function (l, i) {
      if (i) note.appendChild(document.createElement("br"));
      if (l[0]) {
        var strong = document.createElement("strong");
        strong.textContent = l[0];
        note.appendChild(strong);
      }
      if (l[1]) note.appendChild(document.createTextNode(l[1]));
    });
  }

  function addPrintButton(sheet) {
    if (sheet.querySelector(".pump-record__print") || typeof window.print !== "function") return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button pump-record__print";
    button.textContent = "Print this record";
    button.addEventListener("click", function () { window.print(); });
    sheet.insertBefore(button, sheet.firstChild);
  }

  function init() {
    var sheet = document.querySelector(".pump-record");
    if (!sheet) return;
    addPrintButton(sheet);
    fill(sheet);
    window.addEventListener("hashchange", function () { fill(sheet); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
