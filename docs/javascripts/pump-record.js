/* "My pump record" (/pump-record/): fills the sheet from a refill-planner link, /pump-record/#pump=...&dose=...
   Everything happens in this browser: the numbers come from the page address (the part after #), the dates are
   worked out by refill-core.js (window.ITBRefill), and they are written with textContent only. Nothing is sent. */
(function () {
  "use strict";

  function fmt(R, value) {
    var p = R.parseDecimal(value);
    return p.error ? String(value) : R.fmtMilli(p.milli);
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
    var out = R.compute(v, cfg);
    var pump = null;
    for (var i = 0; i < cfg.pumps.length; i++) if (cfg.pumps[i].id === v.pump) pump = cfg.pumps[i];

    function set(name, text) {
      var nodes = sheet.querySelectorAll('[data-field="' + name + '"]');
      for (var j = 0; j < nodes.length; j++) nodes[j].textContent = text == null ? "" : String(text);
    }
    set("pump-model", pump ? pump.name : "");
    set("reservoir", pump ? fmt(R, pump.reservoir) : (v.reservoir ? fmt(R, v.reservoir) : ""));
    set("concentration", v.conc ? fmt(R, v.conc) : "");
    set("dose", v.dose ? fmt(R, v.dose) : "");
    var filled = v.filled ? R.parseDate(v.filled, cfg) : null;
    set("refill-date", filled && !filled.error ? R.longDay(filled.day) : "");
    set("alarm-date", out.ok && out.result.alarmLong ? out.result.alarmLong : "");
    set("refill-by", out.ok && out.result.refillByLong ? out.result.refillByLong : "");

    if (note) {
      var why = parsed.rejectedDate ? "The refill date in the link could not be used, so no dates are shown. "
        : out.ok ? "" : "Some numbers were missing, so the dates are left blank. ";
      var notice = R.noticeText(parsed, cfg);
      note.textContent = "Filled in from the refill planner, on this device. Nothing was sent anywhere. " + why +
        (notice ? notice + " " : "") + "Check every value against the printout from your clinic's programmer.";
      note.hidden = false;
    }
    sheet.setAttribute("data-filled", out.ok ? "planner" : "partial");
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
