/* The refill planner form (rendered by macros/render_planner.py, hidden until this runs). The arithmetic and the
   validation are in refill-core.js. Text from the URL fragment or the form is only written with textContent or
   .value. Once the reader has asked for dates, every change to a field works them out again, so the result,
   the link, the reminder and the pump-record link always come from the same inputs. */
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
    var cfg, form = root.querySelector("form"), last = null, started = false, linkDateRejected = false;
    try { cfg = R.setConfig(JSON.parse(root.querySelector("script.itb-refill-config").textContent)); } catch (e) { return; }
    var f = function (n) { return form.querySelector('[data-field="' + n + '"]'); };
    var wrap = function (n) { return form.querySelector('[data-wrap="' + n + '"]'); };
    var role = function (n) { return root.querySelector('[data-role="' + n + '"]'); };
    var hint = wrap("alarm").querySelector(".itb-hint"), hintText = hint ? hint.textContent : "";
    var CONTROLS = ["pump", "reservoir", "vol", "alarm", "concChoice", "conc", "dose", "filled", "margin"];
    role("nojs").hidden = true;
    form.hidden = false;

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
    /* A fresh form: the usual margin, nothing else. The refill date starts empty: a date filled in for the reader
       (today's) gives an alarm date far too late when the last refill was weeks ago (independent review). */
    function reset() {
      CONTROLS.forEach(function (n) { f(n).value = ""; f(n).removeAttribute("data-auto"); });
      f("margin").value = String(cfg.margin);
      linkDateRejected = false;
      started = false;
      last = null;
      onPump();
      onConc();
      showErrors({ errors: {}, codes: {} });
      clear();
      setState("", "");
      role("result").hidden = true;
    }
    function inputs() {
      var v = {}, choice = f("concChoice").value;
      cfg.keys.forEach(function (n) { v[n] = n === "conc" && choice !== "custom" ? choice : f(n).value; });
      return v;
    }
    function linkValues(v) { /* what the link carries: only what differs from the defaults */
      var out = {};
      Object.keys(v).forEach(function (k) { out[k] = v[k]; });
      if (out.pump !== "custom") out.reservoir = "";
      if (f("vol").getAttribute("data-auto") === "1") out.vol = "";
      if (f("alarm").getAttribute("data-auto") === "1") out.alarm = "";
      if (String(out.margin).trim() === String(cfg.margin)) out.margin = "";
      return out;
    }
    function link() { return "#" + R.buildFragment(last.link, cfg); }

    function showErrors(out) {
      var e = out.errors, custom = f("concChoice").value === "custom", first = null;
      var shown = { pump: e.pump, reservoir: e.reservoir, vol: e.vol, alarm: e.alarm,
        concChoice: custom ? "" : out.codes.conc === "empty" ? cfg.what.concChoice : e.conc,
        conc: custom ? e.conc : "", dose: e.dose, filled: e.filled, margin: e.margin };
      if (linkDateRejected && out.codes.filled === "empty") shown.filled = cfg.messages.link_date;
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
    function when(days, long, iso, day, now) {
      if (long === null) return ["After " + cfg.dateRange[1].slice(0, 4) + " (" + days + " days after the refill): see the note above."];
      var about = R.aboutPhrase(days), strong = el("strong");
      strong.appendChild(el("time", long, { datetime: iso }));
      var parts = [strong, " (" + days + (days === 1 ? " day" : " days") + " after the refill" + (about ? ", " + about : "") + ")"];
      if (day < now) parts.push(el("span", " This date has passed.", { "class": "itb-planner__passed" }));
      else if (day === now) parts.push(el("span", " This date is today.", { "class": "itb-planner__passed" }));
      return parts;
    }
    function clear() {
      ["numbers", "summary", "working", "warnings", "status", "ics-note"].forEach(function (n) { role(n).textContent = ""; });
    }
    /* The message that leads the result: strong words, then (when the reader should enter another date) a link
       to the refill-date field, then more words. role="alert": changed only when the message changes, so it is
       said once. */
    function setState(strong, code, link, after) {
      var box = role("state"), key = [strong, link || "", after || ""].join("\n");
      if (box.getAttribute("data-key") === key) return;
      box.setAttribute("data-key", key);
      box.textContent = "";
      if (strong) box.appendChild(el("strong", strong));
      if (link) {
        var a = el("a", link, { href: "#" + f("filled").id, "class": "itb-planner__to-date" });
        a.addEventListener("click", function (e) {
          e.preventDefault();
          f("filled").focus();
          f("filled").scrollIntoView({ block: "center" });
        });
        box.appendChild(document.createTextNode(" "));
        box.appendChild(a);
      }
      if (after) box.appendChild(document.createTextNode(" " + after));
      box.hidden = !strong;
      if (code) box.setAttribute("data-state", code); else box.removeAttribute("data-state");
    }

    function run(focus) {
      started = true;
      var now = R.todayDay(), values = inputs(), out = R.compute(values, cfg, now), first = showErrors(out), r = out.result;
      /* a refill date after today leads the result (it names the date); the other warnings are listed below */
      var future = out.warnings.filter(function (w) { return w.code === "filled_future"; })[0];
      var listed = out.warnings.filter(function (w) { return w !== future; }), n = listed.length;
      last = out.ok ? { out: out, link: linkValues(values), future: future } : null;
      clear();
      role("result").hidden = !out.ok;
      if (!out.ok) { setState("", ""); if (focus && first) first.focus(); return; }
      var code = R.urgency(r, now, cfg), outside = !r.inRange.alarm || !r.inRange.empty || !r.inRange.refillBy;
      var lead = R.leadFor(code, r, cfg), more = [lead.text, outside ? cfg.states.out_of_range : ""].filter(Boolean).join(" ");
      var strong = [future ? future.text : "", lead.ask || more].filter(Boolean).join(" ");
      setState(strong, strong ? (future ? future.code : code || "out_of_range") : "", lead.link, lead.ask ? more : "");
      var dl = role("numbers");
      row(dl, "Low-reservoir alarm", when(r.daysToAlarm, r.alarmLong, r.alarmDate, r.alarmDay, now));
      row(dl, "Suggested refill by", r.refillByDays === null ? ["No date: see the warning below."]
        : when(r.refillByDays, r.refillByLong, r.refillByDate, r.refillByDay, now));
      row(dl, "Pump empty", when(r.daysToEmpty, r.emptyLong, r.emptyDate, r.emptyDay, now));
      role("working").textContent = r.working;
      listed.forEach(function (w) {
        var li = el("li");
        li.appendChild(el("strong", "Please check: "));
        li.appendChild(document.createTextNode(w.text));
        role("warnings").appendChild(li);
      });
      var icsOk = r.refillByDays !== null && r.inRange.refillBy && r.refillByDay > now;
      role("ics").disabled = !icsOk;
      if (!icsOk) {
        role("ics-note").textContent = r.refillByDays === null ? "No reminder: there is no refill-by date."
          : !r.inRange.refillBy ? "No reminder: the refill-by date is after " + cfg.dateRange[1].slice(0, 4) + "."
            : "No reminder: the refill-by date has passed.";
      }
      role("summary").textContent = (r.alarmLong ? "Alarm expected on " + r.alarmLong + ". " : "") +
        (r.refillByDays === null ? "No refill-by date: see the warning." : r.refillByLong ? "Suggested refill by " +
          r.refillByLong + "." : "") + (n ? " There " + (n === 1 ? "is 1 thing" : "are " + n + " things") + " to check." : "");
      var record = role("record");
      if (record) record.href = record.getAttribute("href").split("#")[0] + link();
      if (history.replaceState) history.replaceState(null, "", link());
      if (focus) {
        role("result").focus({ preventScroll: true });
        role("result").scrollIntoView({ block: "start" });
      }
    }

    function applyFragment(hash) {
      if (String(hash).indexOf("=") < 0) return; /* a plain #heading anchor, not planner settings */
      reset();
      var parsed = R.parseFragment(hash, cfg), v = parsed.values;
      if (v.pump) { f("pump").value = v.pump; onPump(); }
      if (v.reservoir) { f("reservoir").value = v.reservoir; if (!v.pump && !parsed.ignored.some(function (i) { return i.key === "pump"; })) { f("pump").value = "custom"; onPump(); } }
      ["vol", "alarm", "dose", "filled", "margin"].forEach(function (n) {
        if (v[n] != null) { f(n).value = v[n]; f(n).setAttribute("data-auto", "0"); }
      });
      if (parsed.rejectedDate) { f("filled").value = ""; linkDateRejected = true; }
      if (v.conc != null) {
        var listed = cfg.concs.indexOf(v.conc) >= 0;
        f("concChoice").value = listed ? v.conc : "custom";
        f("conc").value = listed ? "" : v.conc;
        onConc();
      }
      role("ignored").textContent = R.noticeText(parsed, cfg);
      if (Object.keys(v).length) run(true);
    }

    function copyLink() {
      if (!last) return;
      var box = role("link-wrap"), input = role("link");
      var say = function (t) { role("status").textContent = t; };
      var here = location.href.split("#")[0];
      if (location.protocol === "file:") { /* read from disk: never a file:/// path with the reader's folder */
        if (!cfg.publicPage) { box.hidden = true; input.value = ""; say(cfg.fileLinkNote); return; }
        here = cfg.publicPage;
      }
      var url = here + link();
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
      if (!last || last.out.result.refillByDays === null) return;
      var r = last.out.result;
      var future = last.future ? cfg.messages.ics_future.replace("{filled}", R.dayMonthYear(r.filledDay)) + " " : "";
      var ics = R.makeIcs({ date: r.refillByDate, site: cfg.site, summary: "Baclofen pump refill: suggested refill-by date" +
        (future ? " (check the refill date)" : ""), description: future +
          "Suggested refill-by date from the refill planner (" + cfg.site + "). The low-reservoir alarm " +
          "is expected on " + (r.alarmLong || "a date after " + cfg.dateRange[1].slice(0, 4)) +
          ". The printout from your clinic's programmer gives your real date." }, cfg);
      if (ics === null) { role("status").textContent = cfg.states.out_of_range; return; }
      var a = el("a", null, { download: "refill-reminder-" + r.refillByDate + ".ics" });
      a.href = URL.createObjectURL(new Blob([ics], { type: "text/calendar;charset=utf-8" }));
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      role("status").textContent = "Reminder file made for " + r.refillByLong + ". Open it to add it to your calendar.";
    }

    f("pump").addEventListener("change", function () { onPump(); if (started) run(false); });
    f("concChoice").addEventListener("change", function () { onConc(); if (started) run(false); });
    ["reservoir", "vol", "alarm", "conc", "dose", "filled", "margin"].forEach(function (n) {
      f(n).addEventListener("input", function () {
        if (n === "vol" || n === "alarm") f(n).setAttribute("data-auto", "0");
        if (n === "filled") linkDateRejected = false;
        if (started) run(false);
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
    role("copy").addEventListener("click", copyLink);
    role("ics").addEventListener("click", download);
    window.addEventListener("hashchange", function () { applyFragment(location.hash); });
    reset();
    applyFragment(location.hash);
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll("[data-itb-planner]"), init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
