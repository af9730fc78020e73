/* The refill planner form (rendered by macros/render_planner.py, hidden until this runs). The arithmetic is in
   refill-core.js. Text from the URL fragment or the form is only written with textContent or .value. */
(function () {
  "use strict";
  var R = window.ITBRefill;
  if (!R) return;
  var two = function (n) { return String(n + 100).slice(1); };
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function init(root) {
    var cfg, form = root.querySelector("form"), last = null, started = false;
    try { cfg = R.setConfig(JSON.parse(root.querySelector("script.itb-refill-config").textContent)); } catch (e) { return; }
    var f = function (n) { return form.querySelector('[data-field="' + n + '"]'); };
    var wrap = function (n) { return form.querySelector('[data-wrap="' + n + '"]'); };
    var role = function (n) { return root.querySelector('[data-role="' + n + '"]'); };
    var hint = wrap("alarm").querySelector(".itb-hint"), hintText = hint ? hint.textContent : "";
    var d = new Date();
    role("nojs").hidden = true;
    form.hidden = false;
    f("filled").value = d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
    f("margin").value = String(cfg.margin);

    function setAuto(n, value) { /* a default from the pump, replaced only while the person has not typed one */
      var input = f(n);
      if (input.value.trim() !== "" && input.getAttribute("data-auto") !== "1") return;
      input.value = value == null ? "" : value;
      input.setAttribute("data-auto", value == null ? "0" : "1");
    }
    function onPump() {
      var id = f("pump").value, pump = cfg.pumps.filter(function (p) { return p.id === id; })[0];
      wrap("reservoir").hidden = id !== "custom";
      if (pump) { setAuto("vol", pump.reservoir); setAuto("alarm", pump.alarm); } else if (id === "custom") setAuto("vol", null);
      if (hint) hint.textContent = pump && !pump.alarm && pump.alarmNote ? pump.alarmNote : hintText;
    }
    function onConc() { wrap("conc").hidden = f("concChoice").value !== "custom"; }
    function inputs(forLink) {
      var v = {}, choice = f("concChoice").value;
      R.FIELDS.forEach(function (n) { v[n] = n === "conc" && choice !== "custom" ? choice : f(n).value; });
      if (forLink) {
        if (v.pump !== "custom") v.reservoir = "";
        if (f("vol").getAttribute("data-auto") === "1") v.vol = "";
        if (f("alarm").getAttribute("data-auto") === "1") v.alarm = "";
        if (v.margin.trim() === String(cfg.margin)) v.margin = "";
      }
      return v;
    }
    function link() { return "#" + R.buildFragment(inputs(true)); }

    function showErrors(out) {
      var e = out.errors, custom = f("concChoice").value === "custom", first = null;
      var shown = { pump: e.pump, reservoir: e.reservoir, vol: e.vol, alarm: e.alarm,
        concChoice: custom ? "" : out.codes.conc === "empty" ? cfg.what.concChoice : e.conc,
        conc: custom ? e.conc : "", dose: e.dose, filled: e.filled, margin: e.margin };
      Object.keys(shown).forEach(function (n) {
        var msg = shown[n] || "";
        form.querySelector('[data-error-for="' + n + '"]').textContent = msg;
        if (msg) { f(n).setAttribute("aria-invalid", "true"); first = first || f(n); } else f(n).removeAttribute("aria-invalid");
      });
      return first;
    }

    function row(dl, term, parts) {
      var dd = el("dd");
      parts.forEach(function (p) { dd.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
      dl.appendChild(el("dt", term));
      dl.appendChild(dd);
    }
    function when(days, long, iso) {
      var about = R.aboutPhrase(days), strong = el("strong");
      strong.appendChild(el("time", long, { datetime: iso }));
      return [strong, " (" + days + (days === 1 ? " day" : " days") + " after the refill" + (about ? ", " + about : "") + ")"];
    }
    function clear() { ["numbers", "summary", "working", "warnings", "status"].forEach(function (n) { role(n).textContent = ""; }); }

    function run(focus) {
      started = true;
      var out = R.compute(inputs(false), cfg), first = showErrors(out), r = out.result, n = out.warnings.length;
      last = out.ok ? out : null;
      clear();
      role("result").hidden = !out.ok;
      if (!out.ok) { if (focus && first) first.focus(); return; }
      var dl = role("numbers");
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
        role("warnings").appendChild(li);
      });
      role("ics").disabled = r.refillByDays === null;
      role("summary").textContent = "Alarm expected on " + r.alarmLong + ". " + (r.refillByDays === null
        ? "No refill-by date: see the warning." : "Suggested refill by " + r.refillByLong + ".") +
        (n ? " There " + (n === 1 ? "is 1 thing" : "are " + n + " things") + " to check." : "");
      var record = role("record");
      if (record) record.href = record.getAttribute("href").split("#")[0] + link();
      if (history.replaceState) history.replaceState(null, "", link());
    }

    function applyFragment(hash) {
      if (String(hash).indexOf("=") < 0) return; /* a plain #heading anchor, not planner settings */
      var parsed = R.parseFragment(hash, cfg), v = parsed.values;
      if (v.pump) { f("pump").value = v.pump; onPump(); }
      if (v.reservoir) { f("reservoir").value = v.reservoir; if (!v.pump) { f("pump").value = "custom"; onPump(); } }
      ["vol", "alarm", "dose", "filled", "margin"].forEach(function (n) {
        if (v[n] != null) { f(n).value = v[n]; f(n).setAttribute("data-auto", "0"); }
      });
      if (v.conc != null) {
        var listed = cfg.concs.indexOf(v.conc) >= 0;
        f("concChoice").value = listed ? v.conc : "custom";
        f("conc").value = listed ? "" : v.conc;
        onConc();
      }
      role("ignored").textContent = parsed.ignored.length ? "Some parts of the link were not used: " +
        parsed.ignored.map(function (i) { return i.key + " (" + i.reason + ")"; }).join(", ") + "." : "";
      if (Object.keys(v).length) run(false);
    }

    function copyLink() {
      var url = location.href.split("#")[0] + link(), box = role("link-wrap"), input = role("link");
      var say = function (t) { role("status").textContent = t; };
      var fallback = function () {
        box.hidden = false;
        input.value = url;
        input.focus();
        input.select();
        say("Copy the link in the box above.");
      };
      if (!navigator.clipboard) return fallback();
      navigator.clipboard.writeText(url).then(function () {
        box.hidden = true;
        say("Link copied. You can paste it into a message or a note.");
      }, fallback);
    }

    function download() {
      if (!last || last.result.refillByDays === null) return;
      var r = last.result, a = el("a", null, { download: "refill-reminder-" + r.refillByDate + ".ics" });
      var ics = R.makeIcs({ date: r.refillByDate, site: cfg.site, summary: "Baclofen pump refill: suggested refill-by date",
        description: "Suggested refill-by date from the refill planner (" + cfg.site + "). The low-reservoir alarm " +
          "is expected on " + r.alarmLong + ". The printout from your clinic's programmer gives your real date." });
      a.href = URL.createObjectURL(new Blob([ics], { type: "text/calendar;charset=utf-8" }));
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      role("status").textContent = "Reminder file made for " + r.refillByLong + ". Open it to add it to your calendar.";
    }

    f("pump").addEventListener("change", function () { onPump(); if (started) run(false); });
    f("concChoice").addEventListener("change", function () { onConc(); if (started) run(false); });
    ["vol", "alarm"].forEach(function (n) {
      f(n).addEventListener("input", function () { f(n).setAttribute("data-auto", "0"); });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
    role("copy").addEventListener("click", copyLink);
    role("ics").addEventListener("click", download);
    window.addEventListener("hashchange", function () { applyFragment(location.hash); });
    applyFragment(location.hash);
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll("[data-itb-planner]"), init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
