/* The refill planner form (rendered by macros/render_planner.py, hidden until this runs).
   All arithmetic is in refill-core.js (window.ITBRefill). Text from the URL fragment or the form is only
   ever written with textContent or .value, never as HTML. */
(function () {
  "use strict";
  var R = window.ITBRefill;
  if (!R) return;

  function todayIso() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1 + 100).slice(1) + "-" + String(d.getDate() + 100).slice(1);
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    for (var k in attrs || {}) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    return node;
  }

  function init(root) {
    var cfg;
    try { cfg = JSON.parse(root.querySelector("script.itb-refill-config").textContent); } catch (e) { return; }
    R.setConfig(cfg);
    var form = root.querySelector("form");
    function f(name) { return form.querySelector('[data-field="' + name + '"]'); }
    function wrap(name) { return form.querySelector('[data-wrap="' + name + '"]'); }
    function role(name) { return root.querySelector('[data-role="' + name + '"]'); }
    var result = role("result"), last = null, started = false;
    var alarmHint = wrap("alarm").querySelector(".itb-hint"), alarmHintText = alarmHint ? alarmHint.textContent : "";

    role("nojs").hidden = true;
    form.hidden = false;
    f("filled").value = todayIso();
    f("margin").value = String(cfg.margin);

    function pumpById(id) {
      for (var i = 0; i < cfg.pumps.length; i++) if (cfg.pumps[i].id === id) return cfg.pumps[i];
      return null;
    }
    function setAuto(name, value) {
      var input = f(name);
      if (input.value.trim() === "" || input.getAttribute("data-auto") === "1") {
        input.value = value == null ? "" : value;
        input.setAttribute("data-auto", value == null ? "0" : "1");
      }
    }
    function onPump() {
      var id = f("pump").value, pump = pumpById(id);
      wrap("reservoir").hidden = id !== "custom";
      if (pump) {
        setAuto("vol", pump.reservoir);
        setAuto("alarm", pump.alarm);
      } else if (id === "custom") {
        setAuto("vol", null);
      }
      if (alarmHint) alarmHint.textContent = pump && !pump.alarm && pump.alarmNote ? pump.alarmNote : alarmHintText;
    }
    function onConc() { wrap("conc").hidden = f("concChoice").value !== "custom"; }

    function readInputs() {
      var choice = f("concChoice").value;
      return { pump: f("pump").value, reservoir: f("reservoir").value, vol: f("vol").value, alarm: f("alarm").value,
        conc: choice === "custom" ? f("conc").value : choice, dose: f("dose").value, filled: f("filled").value,
        margin: f("margin").value };
    }
    function linkValues() {
      var v = readInputs();
      if (v.pump !== "custom") v.reservoir = "";
      if (f("vol").getAttribute("data-auto") === "1") v.vol = "";
      if (f("alarm").getAttribute("data-auto") === "1") v.alarm = "";
      if (v.margin.trim() === String(cfg.margin)) v.margin = "";
      return v;
    }

    function showErrors(out) {
      var e = out.errors, custom = f("concChoice").value === "custom", first = null;
      var shown = { pump: e.pump, reservoir: e.reservoir, vol: e.vol, alarm: e.alarm,
        concChoice: custom ? "" : (out.codes.conc === "empty" ? cfg.what.concChoice : e.conc),
        conc: custom ? e.conc : "", dose: e.dose, filled: e.filled, margin: e.margin };
      Object.keys(shown).forEach(function (name) {
        var msg = shown[name] || "";
        form.querySelector('[data-error-for="' + name + '"]').textContent = msg;
        if (msg) { f(name).setAttribute("aria-invalid", "true"); first = first || f(name); }
        else f(name).removeAttribute("aria-invalid");
      });
      return first;
    }

    function row(dl, term, parts) {
      dl.appendChild(el("dt", term));
      var dd = el("dd");
      parts.forEach(function (p) { dd.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
      dl.appendChild(dd);
    }
    function when(days, long, iso) {
      var about = R.aboutPhrase(days), strong = el("strong");
      strong.appendChild(el("time", long, { datetime: iso }));
      return [strong, " (" + days + (days === 1 ? " day" : " days") + " after the refill" + (about ? ", " + about : "") + ")"];
    }

    function render(out) {
      var r = out.result, dl = role("numbers"), warns = role("warnings");
      dl.textContent = "";
      warns.textContent = "";
      role("status").textContent = "";
      row(dl, "Medicine used each day", [r.rateText + " a day"]);
      row(dl, "Low-reservoir alarm", when(r.daysToAlarm, r.alarmLong, r.alarmDate));
      row(dl, "Suggested refill by", r.refillByDays === null ? ["No date: see the warning below."]
        : when(r.refillByDays, r.refillByLong, r.refillByDate));
      row(dl, "Pump empty", when(r.daysToEmpty, r.emptyLong, r.emptyDate));
      role("working").textContent = "How this was worked out: " + r.working;
      out.warnings.forEach(function (w) {
        var li = el("li");
        li.appendChild(el("strong", "Please check: "));
        li.appendChild(document.createTextNode(w.text));
        warns.appendChild(li);
      });
      warns.hidden = out.warnings.length === 0;
      role("ics").disabled = r.refillByDays === null;
      role("summary").textContent = "Alarm expected on " + r.alarmLong + ". " + (r.refillByDays === null
        ? "No refill-by date: see the warning." : "Suggested refill by " + r.refillByLong + ".")
        + (out.warnings.length ? " There " + (out.warnings.length === 1 ? "is 1 thing" : "are " + out.warnings.length + " things") + " to check." : "");
      result.hidden = false;
    }

    function run(focus) {
      started = true;
      var out = R.compute(readInputs(), cfg);
      var first = showErrors(out);
      last = out.ok ? out : null;
      if (!out.ok) {
        result.hidden = true;
        role("numbers").textContent = "";
        role("summary").textContent = "";
        role("working").textContent = "";
        role("warnings").textContent = "";
        if (focus && first) first.focus();
        return out;
      }
      render(out);
      var frag = R.buildFragment(linkValues());
      if (window.history && history.replaceState) history.replaceState(null, "", "#" + frag);
      return out;
    }

    function applyFragment(hash) {
      if (String(hash).indexOf("=") < 0) return; /* a plain #heading anchor, not planner settings */
      var parsed = R.parseFragment(hash, cfg), v = parsed.values;
      if (v.pump) { f("pump").value = v.pump; onPump(); }
      if (v.reservoir) { f("reservoir").value = v.reservoir; if (!v.pump) { f("pump").value = "custom"; onPump(); } }
      ["vol", "alarm", "dose", "filled", "margin"].forEach(function (name) {
        if (v[name] != null) { f(name).value = v[name]; f(name).setAttribute("data-auto", "0"); }
      });
      if (v.conc != null) {
        var listed = cfg.concs.indexOf(v.conc) >= 0;
        f("concChoice").value = listed ? v.conc : "custom";
        f("conc").value = listed ? "" : v.conc;
        onConc();
      }
      var note = role("ignored");
      note.textContent = parsed.ignored.length ? "Some parts of the link were not used: " + parsed.ignored.map(
        function (i) { return i.key + " (" + i.reason + ")"; }).join(", ") + "." : "";
      if (Object.keys(v).length) run(false);
    }

    function copyLink() {
      var url = location.href.split("#")[0] + "#" + R.buildFragment(linkValues());
      var status = role("status"), box = role("link-wrap"), input = role("link");
      function fallback() {
        box.hidden = false;
        input.value = url;
        input.focus();
        input.select();
        status.textContent = "Copy the link in the box above.";
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () {
          box.hidden = true;
          status.textContent = "Link copied. You can paste it into a message or a note.";
        }, fallback);
      } else fallback();
    }

    function download() {
      if (!last || last.result.refillByDays === null) return;
      var r = last.result;
      var ics = R.makeIcs({ date: r.refillByDate, site: cfg.site,
        summary: "Baclofen pump refill: suggested refill-by date",
        description: "Suggested refill-by date from the refill planner (" + cfg.site + "). The low-reservoir alarm " +
          "is expected on " + r.alarmLong + ". The printout from your clinic's programmer gives your real date." });
      var blob = new Blob([ics], { type: "text/calendar;charset=utf-8" });
      var a = el("a", null, { href: URL.createObjectURL(blob), download: "refill-reminder-" + r.refillByDate + ".ics" });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      role("status").textContent = "Reminder file made for " + r.refillByLong + ". Open it to add it to your calendar.";
    }

    f("pump").addEventListener("change", function () { onPump(); if (started) run(false); });
    f("concChoice").addEventListener("change", function () { onConc(); if (started) run(false); });
    ["vol", "alarm"].forEach(function (name) {
      f(name).addEventListener("input", function () { f(name).setAttribute("data-auto", "0"); });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
    role("copy").addEventListener("click", copyLink);
    role("ics").addEventListener("click", download);
    window.addEventListener("hashchange", function () { applyFragment(location.hash); });
    applyFragment(location.hash);
  }

  function start() {
    var roots = document.querySelectorAll("[data-itb-planner]");
    for (var i = 0; i < roots.length; i++) init(roots[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
