/* Refill arithmetic for the planner, the pump-record page and the clinic link builder: pure functions,
   no DOM. Same rules as macros/refill.py, done exactly: every number is held as an integer count of
   thousandths (mL -> micro-litres), and every floor is an exact integer division, so a whole-day count
   never loses a day to floating-point error. A browser test checks it against Python on 1,000+ inputs.
   Public API: window.ITBRefill = {compute, parseFragment, buildFragment, parseDecimal, makeIcs, ...}. */
(function () {
  "use strict";
  var FIELDS = ["pump", "reservoir", "vol", "alarm", "conc", "dose", "filled", "margin"];
    var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var EXAMPLES = { dose: "400", conc: "2000", alarm: "2", margin: "7" };
  var api = { FIELDS: FIELDS, config: null };

  /* "2,000" / "0.048" / "0,5" -> {milli: 2000000 | 48 | 500}; otherwise {error: code}. Never a float. */
  function parseDecimal(raw) {
    var s = String(raw == null ? "" : raw).trim();
    if (s === "") return { error: "empty" };
    var negative = false;
    if (s.charAt(0) === "-" || s.charAt(0) === "\u2212") { negative = true; s = s.slice(1).trim(); }
    if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
    else if (/^\d*,\d+$/.test(s)) s = s.replace(",", ".");
    var m = /^(\d*)(?:\.(\d*))?$/.exec(s);
    if (!m || (m[1] === "" && !m[2])) return { error: "not_number" };
    var whole = m[1].replace(/^0+(?=\d)/, ""), frac = m[2] || "";
    if (frac.length > 3) {
      if (/^0*$/.test(frac.slice(3))) frac = frac.slice(0, 3);
      else return { error: negative ? "negative" : "decimals" };
    }
    if (whole.length > 9) return { error: negative ? "negative" : "too_large" };
    var milli = Number(whole || "0") * 1000 + Number((frac + "000").slice(0, 3));
    if (negative && milli > 0) return { error: "negative" };
    return { milli: milli };
  }

  function idiv(a, b) { /* floor(a / b) for non-negative safe integers, corrected to be exact */
    var q = Math.floor(a / b);
    while (q * b > a) q -= 1;
    while ((q + 1) * b <= a) q += 1;
    return q;
  }

  function fmtMilli(milli) { /* 2000000 -> "2,000"; 48 -> "0.048" */
    var whole = String(Math.floor(milli / 1000)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var frac = String(milli % 1000 + 1000).slice(1).replace(/0+$/, "");
    return frac ? whole + "." + frac : whole;
  }

  function fmtInt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function parseDate(raw) { /* "YYYY-MM-DD" -> day number since 1970-01-01 (UTC), or {error} */
    var s = String(raw == null ? "" : raw).trim();
    if (s === "") return { error: "empty" };
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return { error: "bad_date" };
    var y = +m[1], mo = +m[2], d = +m[3];
    var t = Date.UTC(y, mo - 1, d), dt = new Date(t);
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return { error: "bad_date" };
    if (y < 2000 || y > 2099) return { error: "date_range" };
    return { day: Math.round(t / 86400000) };
  }

  function isoDay(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }

  function longDay(day) {
    var d = new Date(day * 86400000);
    return DAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  function aboutPhrase(days) { /* same integer rounding as refill.about() in Python */
    if (days < 14) return "";
    if (days < 56) return "about " + Math.floor((days + 3) / 7) + " weeks";
    if (days < 730) return "about " + Math.floor((days + 15) / 30) + " months";
    return "about " + Math.floor((days + 182) / 365) + " years";
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  function findPump(cfg, id) {
    for (var i = 0; i < cfg.pumps.length; i++) if (cfg.pumps[i].id === id) return cfg.pumps[i];
    return null;
  }

  function milliOf(dec) { return dec == null ? null : parseDecimal(dec).milli; }

  /* compute({pump, reservoir, vol, alarm, conc, dose, filled, margin} as strings[, config])
     -> {ok, errors: {field: text}, warnings: [{code, text}], values, result} */
  function compute(inputs, cfg) {
    cfg = cfg || api.config;
    if (!cfg) throw new Error("ITBRefill: no config (call ITBRefill.setConfig)");
    inputs = inputs || {};
    var errors = {}, codes = {}, v = {}, msgs = cfg.messages;
    function fail(field, code, extra) {
      if (errors[field]) return;
      codes[field] = code;
      errors[field] = code === "empty" ? cfg.what[field] : fill(msgs[code], extra || {});
    }
    function num(field) {
      var p = parseDecimal(inputs[field]);
      if (p.error === "negative" && field !== "margin") p.error = "not_positive";
      if (p.error) { fail(field, p.error, { example: EXAMPLES[field] || "20" }); return null; }
      var lim = cfg.limits[field], lo = milliOf(lim[0]), hi = milliOf(lim[1]);
      if (p.milli === 0 && field !== "margin") { fail(field, "not_positive"); return null; }
      if (p.milli < lo) { fail(field, "too_small"); return null; }
      if (p.milli > hi) { fail(field, "too_large"); return null; }
      return p.milli;
    }
    var pumpId = String(inputs.pump == null ? "" : inputs.pump).trim(), pump = null;
    if (pumpId === "") fail("pump", "empty");
    else if (pumpId !== "custom") { pump = findPump(cfg, pumpId); if (!pump) fail("pump", "unknown_pump"); }
    var R = pump ? milliOf(pump.reservoir) : (pumpId === "custom" ? num("reservoir") : null);
    var empty = function (f) { return String(inputs[f] == null ? "" : inputs[f]).trim() === ""; };
    var F = empty("vol") ? R : num("vol");
    var A = empty("alarm") && pump && pump.alarm ? milliOf(pump.alarm) : num("alarm");
    var C = num("conc"), D = num("dose");
    var M = empty("margin") ? cfg.margin * 1000 : num("margin");
    if (M != null && M % 1000 !== 0) { fail("margin", "not_whole"); M = null; }
    var fd = parseDate(inputs.filled);
    if (fd.error) fail("filled", fd.error);
    if (F != null && R != null && F > R) fail("vol", "over_reservoir", { reservoir: fmtMilli(R) });
    else if (F != null && A != null && A >= F) fail("alarm", "alarm_at_fill");
    v = { pump: pumpId, reservoir: R, vol: F, alarm: A, conc: C, dose: D, margin: M, filled: fd.day };
    var out = { ok: false, errors: errors, codes: codes, warnings: [], values: v, result: null };
    for (var k in errors) if (Object.prototype.hasOwnProperty.call(errors, k)) return out;
    if (F == null) { fail("vol", "empty"); return out; }

    var margin = M / 1000, cap = cfg.cap;
    var daysAlarm = idiv((F - A) * C, 1000 * D);
    var daysEmpty = idiv(F * C, 1000 * D);
    var raw = daysAlarm - margin;
    var refillBy = raw < 0 ? null : Math.min(raw, cap);
    var rateThousandths = idiv(2000 * D + C, 2 * C);
    var warn = [];
    var minFlow = pump && pump.minFlow ? milliOf(pump.minFlow) : null;
    if (minFlow != null && 1000 * D < minFlow * C) warn.push("below_min_flow");
    if (raw > cap) warn.push("capped");
    if (refillBy === null) warn.push("within_margin");
    var usual = false;
    for (var i = 0; i < cfg.usual.length; i++) {
      if (D >= milliOf(cfg.usual[i][0]) && D <= milliOf(cfg.usual[i][1])) usual = true;
    }
    if (!usual) warn.push("dose_unusual");
    else if (D > milliOf(cfg.limitedAbove)) warn.push("dose_high");
    if (C > milliOf(cfg.maxListedConc)) warn.push("conc_high");
    var fillValues = { min_flow: minFlow != null ? fmtMilli(minFlow) : "", margin: String(margin), cap: String(cap) };
    out.warnings = warn.map(function (code) { return { code: code, text: fill(cfg.warnings[code], fillValues) }; });

    var day0 = fd.day;
    var rateText = rateThousandths === 0 ? "less than 0.001 mL" :
      (1000 * D % C === 0 ? "" : "about ") + fmtMilli(rateThousandths) + " mL";
    var r = {
      daysToAlarm: daysAlarm, daysToEmpty: daysEmpty, refillByDays: refillBy,
      rateThousandths: rateThousandths, rateExact: 1000 * D % C === 0, rateText: rateText,
      alarmDate: isoDay(day0 + daysAlarm), emptyDate: isoDay(day0 + daysEmpty),
      refillByDate: refillBy === null ? null : isoDay(day0 + refillBy),
      alarmLong: longDay(day0 + daysAlarm), emptyLong: longDay(day0 + daysEmpty),
      refillByLong: refillBy === null ? null : longDay(day0 + refillBy),
      filledLong: longDay(day0), capped: raw > cap, margin: margin, cap: cap,
      usableMicroL: F - A
    };
    r.working = fmtMilli(F - A) + " mL can be used before the alarm (" + fmtMilli(F) + " mL filled minus the " +
      fmtMilli(A) + " mL alarm volume), and at " + rateText + " a day (" + fmtMilli(D) + " mcg a day \u00f7 " +
      fmtMilli(C) + " mcg/mL) that lasts " + fmtInt(daysAlarm) + " whole " + (daysAlarm === 1 ? "day." : "days.");
    out.ok = true;
    out.result = r;
    return out;
  }

  /* "#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20" -> {values, ignored: [{key, reason}]} */
  function parseFragment(str, cfg) {
    cfg = cfg || api.config;
    var s = String(str == null ? "" : str).replace(/^#/, "");
    var values = {}, ignored = [];
    if (s.trim() === "") return { values: values, ignored: ignored };
    s.split(/[&;]/).forEach(function (part) {
      if (part === "") return;
      var eq = part.indexOf("="), key, val;
      try {
        key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " ")).trim();
        val = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " ")).trim();
      } catch (e) {
        ignored.push({ key: part.slice(0, 40), reason: "could not be read" });
        return;
      }
      var shown = key.slice(0, 40);
      if (FIELDS.indexOf(key) < 0) { ignored.push({ key: shown, reason: "not a planner setting" }); return; }
      if (Object.prototype.hasOwnProperty.call(values, key)) { ignored.push({ key: shown, reason: "given twice" }); return; }
      if (val === "") { ignored.push({ key: shown, reason: "empty" }); return; }
      if (key === "pump") {
        if (val !== "custom" && !(cfg && findPump(cfg, val))) { ignored.push({ key: shown, reason: "not a pump we know" }); return; }
      } else if (key === "filled") {
        var d = parseDate(val);
        if (d.error) { ignored.push({ key: shown, reason: "not a date" }); return; }
      } else {
        var p = parseDecimal(val);
        if (p.error === "not_number" || p.error === "decimals") { ignored.push({ key: shown, reason: "not a number" }); return; }
        if (p.error) { ignored.push({ key: shown, reason: "out of range" }); return; }
        val = fmtMilli(p.milli).replace(/,/g, "");
      }
      values[key] = val;
    });
    return { values: values, ignored: ignored };
  }

  function buildFragment(obj) {
    var parts = [];
    FIELDS.forEach(function (key) {
      var val = obj ? obj[key] : null;
      if (val == null || String(val).trim() === "") return;
      parts.push(key + "=" + encodeURIComponent(String(val).trim()));
    });
    return parts.join("&");
  }

  /* An iCalendar file (RFC 5545) for an all-day event on dateIso ("YYYY-MM-DD"). */
  function makeIcs(opts) {
    var start = String(opts.date).replace(/-/g, "");
    var next = isoDay(parseDate(opts.date).day + 1).replace(/-/g, "");
    var stamp = (opts.now || new Date()).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    function esc(t) { return String(t).replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/([,;])/g, "\\$1"); }
    function fold(line) { /* lines of at most 75 octets; our text is ASCII-safe enough to fold by characters */
      var out = [];
      while (line.length > 74) { out.push(line.slice(0, 74)); line = " " + line.slice(74); }
      out.push(line);
      return out.join("\r\n");
    }
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//" + esc(opts.site || "ITB") + "//Refill planner//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
      "UID:refill-" + start + "-" + stamp + "@refill-planner.invalid", "DTSTAMP:" + stamp,
      "DTSTART;VALUE=DATE:" + start, "DTEND;VALUE=DATE:" + next,
      "SUMMARY:" + esc(opts.summary), "DESCRIPTION:" + esc(opts.description), "TRANSP:TRANSPARENT",
      "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + esc(opts.summary), "TRIGGER:-P7D", "END:VALARM",
      "END:VEVENT", "END:VCALENDAR"];
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function setConfig(cfg) { api.config = cfg; return cfg; }

  api.compute = compute;
  api.parseFragment = parseFragment;
  api.buildFragment = buildFragment;
  api.parseDecimal = parseDecimal;
  api.parseDate = parseDate;
  api.fmtMilli = fmtMilli;
  api.aboutPhrase = aboutPhrase;
  api.makeIcs = makeIcs;
  api.setConfig = setConfig;
  api.isoDay = isoDay;
  api.longDay = longDay;
  window.ITBRefill = api;
  var el = document.querySelector("script.itb-refill-config");
  if (el) { try { setConfig(JSON.parse(el.textContent)); } catch (e) { /* planner.js reports it */ } }
})();
