/* Refill arithmetic, pure (no DOM): the same rules as macros/refill.py, done exactly. Numbers are held as
   integer thousandths (mL -> micro-litres) and every floor is an exact integer division, so a day is never
   lost to floating-point error; a browser test checks this file against Python on 1,000+ inputs.
   window.ITBRefill = {compute, parseFragment, buildFragment, parseDecimal, parseDate, makeIcs, ...}. */
(function () {
  "use strict";
  var FIELDS = ["pump", "reservoir", "vol", "alarm", "conc", "dose", "filled", "margin"];
  var MONTHS = "January February March April May June July August September October November December".split(" ");
  var DAYS = "Sunday Monday Tuesday Wednesday Thursday Friday Saturday".split(" ");
  var EXAMPLE = { dose: "400", conc: "2000", alarm: "2", margin: "7" };
  var api = { FIELDS: FIELDS, config: null };
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  var str = function (x) { return String(x == null ? "" : x).trim(); };

  /* "2,000" / "0.048" / "0,5" -> {milli: 2000000 | 48 | 500}, else {error: code}. Never a float. */
  function parseDecimal(raw) {
    var s = str(raw), neg = /^[-\u2212]/.test(s);
    if (s === "") return { error: "empty" };
    if (neg) s = s.slice(1).trim();
    if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
    else if (/^\d*,\d+$/.test(s)) s = s.replace(",", ".");
    var m = /^(\d*)(?:\.(\d*))?$/.exec(s);
    if (!m || (m[1] === "" && !m[2])) return { error: "not_number" };
    var whole = m[1].replace(/^0+(?=\d)/, ""), frac = m[2] || "";
    if (frac.length > 3 && !/^0*$/.test(frac.slice(3))) return { error: neg ? "negative" : "decimals" };
    if (whole.length > 9) return { error: neg ? "negative" : "too_large" };
    var milli = Number(whole || "0") * 1000 + Number((frac + "000").slice(0, 3));
    return neg && milli > 0 ? { error: "negative" } : { milli: milli };
  }

  function idiv(a, b) { /* exact floor(a / b) for non-negative safe integers */
    var q = Math.floor(a / b);
    while (q * b > a) q -= 1;
    while ((q + 1) * b <= a) q += 1;
    return q;
  }

  function commas(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function fmtMilli(m) { /* 2000000 -> "2,000"; 48 -> "0.048" */
    var frac = String(m % 1000 + 1000).slice(1).replace(/0+$/, "");
    return commas(Math.floor(m / 1000)) + (frac ? "." + frac : "");
  }
  function milliOf(dec) { return dec == null ? null : parseDecimal(dec).milli; }

  function parseDate(raw) { /* "YYYY-MM-DD" -> {day: days since 1970-01-01 (UTC)} or {error} */
    var s = str(raw), m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (s === "") return { error: "empty" };
    if (!m) return { error: "bad_date" };
    var t = Date.UTC(+m[1], m[2] - 1, +m[3]), d = new Date(t);
    if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== m[2] - 1 || d.getUTCDate() !== +m[3]) return { error: "bad_date" };
    if (+m[1] < 2000 || +m[1] > 2099) return { error: "date_range" };
    return { day: Math.round(t / 864e5) };
  }
  function isoDay(day) { return new Date(day * 864e5).toISOString().slice(0, 10); }
  function longDay(day) {
    var d = new Date(day * 864e5);
    return DAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  function aboutPhrase(days) { /* the same integer rounding as refill.about() in Python */
    if (days < 14) return "";
    if (days < 56) return "about " + Math.floor((days + 3) / 7) + " weeks";
    if (days < 730) return "about " + Math.floor((days + 15) / 30) + " months";
    return "about " + Math.floor((days + 182) / 365) + " years";
  }
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, k) { return has(values, k) ? values[k] : all; });
  }
  function findPump(cfg, id) { return cfg.pumps.filter(function (p) { return p.id === id; })[0] || null; }

  /* compute({pump, reservoir, vol, alarm, conc, dose, filled, margin} as strings[, config])
     -> {ok, errors: {field: text}, codes: {field: code}, warnings: [{code, text}], result} */
  function compute(inputs, cfg) {
    cfg = cfg || api.config;
    inputs = inputs || {};
    var errors = {}, codes = {};
    function fail(field, code, extra) {
      if (errors[field]) return;
      codes[field] = code;
      errors[field] = code === "empty" ? cfg.what[field] : fill(cfg.messages[code], extra || {});
    }
    function empty(f) { return str(inputs[f]) === ""; }
    function num(f) {
      var p = parseDecimal(inputs[f]), lim = cfg.limits[f];
      if (p.error === "negative" && f !== "margin") p.error = "not_positive";
      if (!p.error && p.milli === 0 && f !== "margin") p.error = "not_positive";
      if (!p.error && p.milli < milliOf(lim[0])) p.error = "too_small";
      if (!p.error && p.milli > milliOf(lim[1])) p.error = "too_large";
      if (p.error) { fail(f, p.error, { example: EXAMPLE[f] || "20" }); return null; }
      return p.milli;
    }
    var pumpId = str(inputs.pump), pump = null;
    if (pumpId === "") fail("pump", "empty");
    else if (pumpId !== "custom" && !(pump = findPump(cfg, pumpId))) fail("pump", "unknown_pump");
    var R = pump ? milliOf(pump.reservoir) : pumpId === "custom" ? num("reservoir") : null;
    var F = empty("vol") ? R : num("vol");
    var A = empty("alarm") && pump && pump.alarm ? milliOf(pump.alarm) : num("alarm");
    var C = num("conc"), D = num("dose"), M = empty("margin") ? cfg.margin * 1000 : num("margin");
    if (M != null && M % 1000) fail("margin", "not_whole");
    var fd = parseDate(inputs.filled);
    if (fd.error) fail("filled", fd.error);
    if (F != null && R != null && F > R) fail("vol", "over_reservoir", { reservoir: fmtMilli(R) });
    else if (F != null && A != null && A >= F) fail("alarm", "alarm_at_fill");
    var out = { ok: false, errors: errors, codes: codes, warnings: [], result: null };
    if (Object.keys(errors).length) return out;

    var margin = M / 1000, cap = cfg.cap, day0 = fd.day;
    var daysAlarm = idiv((F - A) * C, 1000 * D), daysEmpty = idiv(F * C, 1000 * D), raw = daysAlarm - margin;
    var refillBy = raw < 0 ? null : Math.min(raw, cap), rate = idiv(2000 * D + C, 2 * C);
    var minFlow = pump && pump.minFlow ? milliOf(pump.minFlow) : null, warn = [];
    var usual = cfg.usual.some(function (r) { return D >= milliOf(r[0]) && D <= milliOf(r[1]); });
    if (minFlow != null && 1000 * D < minFlow * C) warn.push("below_min_flow");
    if (raw > cap) warn.push("capped");
    if (refillBy === null) warn.push("within_margin");
    if (!usual) warn.push("dose_unusual");
    else if (D > milliOf(cfg.limitedAbove)) warn.push("dose_high");
    if (C > milliOf(cfg.maxListedConc)) warn.push("conc_high");
    var values = { min_flow: minFlow != null ? fmtMilli(minFlow) : "", margin: String(margin), cap: String(cap) };
    out.warnings = warn.map(function (code) { return { code: code, text: fill(cfg.warnings[code], values) }; });
    var rateText = rate === 0 ? "less than 0.001 mL" : (1000 * D % C ? "about " : "") + fmtMilli(rate) + " mL";
    var at = function (n) { return n === null ? null : isoDay(day0 + n); };
    var long = function (n) { return n === null ? null : longDay(day0 + n); };
    out.result = {
      daysToAlarm: daysAlarm, daysToEmpty: daysEmpty, refillByDays: refillBy, rateThousandths: rate,
      rateText: rateText, alarmDate: at(daysAlarm), refillByDate: at(refillBy), emptyDate: at(daysEmpty),
      alarmLong: long(daysAlarm), refillByLong: long(refillBy), emptyLong: long(daysEmpty),
      working: fmtMilli(F - A) + " mL can be used before the alarm (" + fmtMilli(F) + " mL filled minus the " +
        fmtMilli(A) + " mL alarm volume), and at " + rateText + " a day (" + fmtMilli(D) + " mcg a day \u00f7 " +
        fmtMilli(C) + " mcg/mL) that lasts " + commas(daysAlarm) + " whole " + (daysAlarm === 1 ? "day." : "days.")
    };
    out.ok = true;
    return out;
  }

  /* "#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20" -> {values, ignored: [{key, reason}]} */
  function parseFragment(text, cfg) {
    cfg = cfg || api.config;
    var values = {}, ignored = [];
    String(text == null ? "" : text).replace(/^#/, "").split(/[&;]/).forEach(function (part) {
      if (!part.trim()) return;
      var eq = part.indexOf("="), key, val, why = "";
      try {
        key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " ")).trim();
        val = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " ")).trim();
      } catch (e) {
        ignored.push({ key: part.slice(0, 40), reason: "could not be read" });
        return;
      }
      if (FIELDS.indexOf(key) < 0) why = "not a planner setting";
      else if (has(values, key)) why = "given twice";
      else if (val === "") why = "empty";
      else if (key === "pump") why = val === "custom" || (cfg && findPump(cfg, val)) ? "" : "not a pump we know";
      else if (key === "filled") why = parseDate(val).error ? "not a date" : "";
      else {
        var p = parseDecimal(val);
        why = /not_number|decimals/.test(p.error) ? "not a number" : p.error ? "out of range" : "";
        if (!why) val = fmtMilli(p.milli).replace(/,/g, "");
      }
      if (why) ignored.push({ key: key.slice(0, 40), reason: why });
      else values[key] = val;
    });
    return { values: values, ignored: ignored };
  }

  function buildFragment(obj) {
    return FIELDS.filter(function (k) { return obj && str(obj[k]) !== ""; })
      .map(function (k) { return k + "=" + encodeURIComponent(str(obj[k])); }).join("&");
  }

  /* An iCalendar (RFC 5545) all-day event on opts.date ("YYYY-MM-DD"), with a reminder a week before. */
  function makeIcs(opts) {
    var ymd = function (d) { return d.replace(/-/g, ""); };
    var stamp = (opts.now || new Date()).toISOString().replace(/[-:]|\.\d+/g, "");
    var esc = function (t) { return String(t).replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/([,;])/g, "\\$1"); };
    var fold = function (line) { /* at most 75 octets a line (the texts are ASCII) */
      var out = [];
      while (line.length > 74) { out.push(line.slice(0, 74)); line = " " + line.slice(74); }
      return out.concat(line).join("\r\n");
    };
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//" + esc(opts.site || "ITB") + "//Refill planner//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
      "UID:refill-" + ymd(opts.date) + "-" + stamp + "@refill-planner.invalid", "DTSTAMP:" + stamp,
      "DTSTART;VALUE=DATE:" + ymd(opts.date), "DTEND;VALUE=DATE:" + ymd(isoDay(parseDate(opts.date).day + 1)),
      "SUMMARY:" + esc(opts.summary), "DESCRIPTION:" + esc(opts.description), "TRANSP:TRANSPARENT",
      "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + esc(opts.summary), "TRIGGER:-P7D", "END:VALARM",
      "END:VEVENT", "END:VCALENDAR"].map(fold).join("\r\n") + "\r\n";
  }

  function setConfig(cfg) { api.config = cfg; return cfg; }
  [compute, parseFragment, buildFragment, parseDecimal, parseDate, fmtMilli, aboutPhrase, makeIcs, setConfig, isoDay,
    longDay].forEach(function (fn) { api[fn.name] = fn; });
  window.ITBRefill = api;
  var el = document.querySelector("script.itb-refill-config");
  if (el) { try { setConfig(JSON.parse(el.textContent)); } catch (e) { /* planner.js stays hidden */ } }
})();
