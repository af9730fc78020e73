/* Refill arithmetic and the one validator for planner links, pure (no DOM): the same rules as macros/refill.py,
   done exactly. Numbers are held as integer thousandths (mL -> micro-litres) and every floor is an exact integer
   division, so a day is never lost to floating-point error; a browser test checks this file against Python on
   1,000+ inputs. The link keys, limits, date range and every message come from the page's JSON config
   (macros/render_planner.py, macros/planner_links.py): planner.js, link-builder.js and pump-record.js all
   validate through compute() and parseFragment() here.
   window.ITBRefill = {compute, parseFragment, noticeText, buildFragment, parseDecimal, parseDate, makeIcs, ...}.
   "Today" is always the reader's own calendar date (todayDay), and a refill date after it is judged by one rule,
   fillAhead() (Python: refill.fill_date_check), inside compute(): nothing that shows dates can skip it. */
(function () {
  "use strict";
  var EXAMPLE = { dose: "400", conc: "2000", alarm: "2", margin: "7" };
  var api = { config: null };
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  var str = function (x) { return String(x == null ? "" : x).trim(); };

  /* One rule for decimal separators, in every field and in links:
     - a point is the decimal mark: "0.4", "2.5", "0.048";
     - a comma is a thousands separator only in groups of three after a first group of 1-3 digits: "2,000",
       "1,234" (= 1234, as in US English), "10,000.5";
     - what looks like the other convention (a decimal comma, a thousands point) is refused with code
       "separators", and the reader is asked for the number without separators: a comma in any other place
       ("0,4", "2,00", "0,400", "1,2345"), and a point followed by exactly three digits ending in 0 after 1-3
       digits that do not start with 0 ("2.000", "1.500", "12.340": in many countries that point groups
       thousands). "0.048", "3.151", "1.234" and "2.0000" are read as decimals. */
  /* "2,000" / "0.048" -> {milli: 2000000 | 48}, else {error: code}. Never a float. */
  function parseDecimal(raw) {
    var s = str(raw), neg = /^[-\u2212]/.test(s);
    if (s === "") return { error: "empty" };
    if (neg) s = s.slice(1).trim();
    if (s.indexOf(",") >= 0) {
      if (/^[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
      else return { error: /^[\d.,]+$/.test(s) ? "separators" : "not_number" };
    } else if (/^[1-9]\d{0,2}\.\d\d0$/.test(s)) return { error: "separators" };
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

  function range(cfg) { return ((cfg || api.config || {}).dateRange) || ["2000-01-01", "2099-12-31"]; }
  /* "YYYY-MM-DD" -> {day: days since 1970-01-01 (UTC)} or {error}. One range for every date (config.dateRange). */
  function parseDate(raw, cfg) {
    var s = str(raw), m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s), r = range(cfg);
    if (s === "") return { error: "empty" };
    if (!m) return { error: "bad_date" };
    var d = new Date(0);
    d.setUTCFullYear(+m[1], m[2] - 1, +m[3]);
    if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== m[2] - 1 || d.getUTCDate() !== +m[3]) return { error: "bad_date" };
    if (s < r[0] || s > r[1]) return { error: "date_range" };
    return { day: Math.round(d.getTime() / 864e5) };
  }
  function lastDay(cfg) { return parseDate(range(cfg)[1], cfg).day; }
  function todayDay(now) { /* the reader's own calendar date, as a day number */
    var d = now || new Date();
    return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
  }
  function isoDay(day) { return new Date(day * 864e5).toISOString().slice(0, 10); }
  /* Dates in words: the words from Intl.DateTimeFormat for the page's locale, in the order of the page's pattern
     (config.dates, from macros/dates.py, which writes the same dates with Babel in Python). */
  var wordsCache = {};
  function dateWords(day, pattern) {
    var fmt = (api.config && api.config.dates) || { locale: "en-US" };
    var key = fmt.locale;
    if (!wordsCache[key]) wordsCache[key] = new Intl.DateTimeFormat(key, { timeZone: "UTC", weekday: "long",
      day: "numeric", month: "long", year: "numeric" });
    var parts = {};
    wordsCache[key].formatToParts(new Date(day * 864e5)).forEach(function (p) { parts[p.type] = p.value; });
    return pattern.replace(/\{(weekday|day|month|year)\}/g, function (_, k) { return parts[k]; });
  }
  function dayMonthYear(day) { /* "19 December 2026" */
    return dateWords(day, ((api.config && api.config.dates) || {}).date || "{day} {month} {year}");
  }
  function longDay(day) { /* "Saturday 19 December 2026" */
    return dateWords(day, ((api.config && api.config.dates) || {}).weekday || "{weekday} {day} {month} {year}");
  }

  /* The one rule for a refill date after the reader's today (the same as refill.fill_date_check in Python):
     "" on or before today; "filled_future" up to config.maxDaysAhead days ahead (the dates are given, led by a
     warning that names the date); "filled_too_far" further ahead (refused: almost surely a slip of the year). */
  function fillAhead(day, today, cfg) {
    var ahead = day - today;
    if (ahead > (cfg || api.config).maxDaysAhead) return "filled_too_far";
    return ahead > 0 ? "filled_future" : "";
  }
  /* "about N months": the one rule of refill.about() in Python, in exact integers. Under 14 days nothing; under
     61 days the nearest week; then the nearest half month (a month is 487/16 days), up to 11 and a half; then the
     nearest half year (a year is 1461/4 days). */
  function halves(days, num, den) { return idiv(2 * den * days + num, 2 * num); } /* round(days / (num / den)) */
  function inHalves(h, unit) {
    var whole = Math.floor(h / 2);
    return h % 2 ? "about " + whole + " and a half " + unit + "s" : "about " + whole + " " + unit + (whole === 1 ? "" : "s");
  }
  function aboutPhrase(days) {
    if (days < 14) return "";
    if (days < 61) return "about " + Math.floor((days + 3) / 7) + " weeks";
    var months = halves(days, 487, 32);
    return months < 24 ? inHalves(months, "month") : inHalves(halves(days, 1461, 8), "year");
  }
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, k) { return has(values, k) ? values[k] : all; });
  }
  function findPump(cfg, id) { return cfg.pumps.filter(function (p) { return p.id === id; })[0] || null; }

  /* The usual ranges, and whether a dose below all of them would be usual if read as mg (0.4 -> 400 mcg). */
  function usualDose(cfg, D) { return cfg.usual.some(function (r) { return D >= milliOf(r[0]) && D <= milliOf(r[1]); }); }
  function looksLikeMg(cfg, D) { return D < milliOf(cfg.usual[0][0]) && usualDose(cfg, D * 1000); }

  /* compute({pump, reservoir, vol, alarm, conc, dose, filled, margin} as strings[, config[, today]])
     -> {ok, errors: {field: text}, codes: {field: code}, warnings: [{code, text}], result}
     today: a day number (todayDay); by default the reader's date now. A refill date after it is refused or warned
     about here (fillAhead), so every page that shows dates gets the same answer. */
  function compute(inputs, cfg, today) {
    cfg = cfg || api.config;
    inputs = inputs || {};
    if (typeof today !== "number") today = todayDay();
    var errors = {}, codes = {};
    function fail(field, code, extra) {
      if (errors[field]) return;
      codes[field] = code;
      errors[field] = code === "empty" ? cfg.what[field] : fill(cfg.messages[code], extra || {});
    }
    function empty(f) { return str(inputs[f]) === ""; }
    function num(f) {
      var p = parseDecimal(inputs[f]), lim = cfg.limits[f], extra = { example: EXAMPLE[f] || "20" };
      if (p.error === "negative" && f !== "margin") p.error = "not_positive";
      if (!p.error && p.milli === 0 && f !== "margin") p.error = "not_positive";
      if (!p.error && f === "dose" && looksLikeMg(cfg, p.milli)) { p.error = "mg"; extra.mcg = fmtMilli(p.milli * 1000); }
      if (!p.error && p.milli < milliOf(lim[0])) p.error = "too_small";
      if (!p.error && p.milli > milliOf(lim[1])) p.error = "too_large";
      if (p.error) { fail(f, p.error, extra); return null; }
      return p.milli;
    }
    var pumpId = str(inputs.pump), pump = null;
    if (pumpId === "") fail("pump", "empty");
    else if (pumpId !== "custom" && !(pump = findPump(cfg, pumpId))) fail("pump", "unknown_pump");
    var R = pump ? milliOf(pump.reservoir) : pumpId === "custom" ? num("reservoir") : null;
    var F = empty("vol") ? R : num("vol");
    var noPump = !pump && pumpId !== "custom"; /* the pump's own message is enough: its alarm is not known yet */
    var A = empty("alarm") && pump && pump.alarm ? milliOf(pump.alarm) : empty("alarm") && noPump ? null : num("alarm");
    var C = num("conc"), D = num("dose"), M = empty("margin") ? cfg.margin * 1000 : num("margin");
    if (M != null && M % 1000) fail("margin", "not_whole");
    var fd = parseDate(inputs.filled, cfg), ahead = fd.error ? "" : fillAhead(fd.day, today, cfg);
    if (fd.error) fail("filled", fd.error);
    else if (ahead === "filled_too_far") fail("filled", ahead, { max: commas(cfg.maxDaysAhead) });
    if (F != null && R != null && F > R) fail("vol", "over_reservoir", { reservoir: fmtMilli(R) });
    else if (F != null && A != null && A >= F) fail("alarm", "alarm_at_fill");
    var out = { ok: false, errors: errors, codes: codes, warnings: [], result: null };
    if (Object.keys(errors).length) return out;

    var margin = M / 1000, cap = cfg.cap, day0 = fd.day;
    var daysAlarm = idiv((F - A) * C, 1000 * D), daysEmpty = idiv(F * C, 1000 * D), raw = daysAlarm - margin;
    var refillBy = raw < 0 ? null : Math.min(raw, cap), rate = idiv(2000 * D + C, 2 * C);
    var minFlow = pump && pump.minFlow ? milliOf(pump.minFlow) : null, warn = ahead ? [ahead] : [];
    if (minFlow != null && 1000 * D < minFlow * C) warn.push("below_min_flow");
    if (raw > cap) warn.push("capped");
    if (refillBy === null) warn.push("within_margin");
    if (!usualDose(cfg, D)) warn.push("dose_unusual");
    else if (D > milliOf(cfg.limitedAbove)) warn.push("dose_high");
    if (C > milliOf(cfg.maxListedConc)) warn.push("conc_high");
    if (margin === 0) warn.push("margin_zero");
    var values = { min_flow: minFlow != null ? fmtMilli(minFlow) : "", margin: String(margin), cap: String(cap),
      filled: dayMonthYear(day0) };
    out.warnings = warn.map(function (code) { return { code: code, text: fill(cfg.warnings[code], values) }; });
    var rateText = rate === 0 ? "less than 0.001 mL" : (1000 * D % C ? "about " : "") + fmtMilli(rate) + " mL";
    var last = lastDay(cfg), inRange = function (n) { return n === null || day0 + n <= last; };
    var at = function (n) { return n === null ? null : isoDay(Math.min(day0 + n, 2e6)); };
    var long = function (n) { return n === null || !inRange(n) ? null : longDay(day0 + n); };
    out.result = {
      daysToAlarm: daysAlarm, daysToEmpty: daysEmpty, refillByDays: refillBy, rateThousandths: rate,
      rateText: rateText, alarmDate: at(daysAlarm), refillByDate: at(refillBy), emptyDate: at(daysEmpty),
      alarmLong: long(daysAlarm), refillByLong: long(refillBy), emptyLong: long(daysEmpty),
      filledDay: day0, filledLong: longDay(day0), today: today, alarmDay: day0 + daysAlarm, refillByDay: refillBy === null ? null : day0 + refillBy,
      emptyDay: day0 + daysEmpty, inRange: { alarm: inRange(daysAlarm), refillBy: inRange(refillBy), empty: inRange(daysEmpty) },
      margin: margin,
      working: fmtMilli(F - A) + " mL can be used before the alarm (" + fmtMilli(F) + " mL filled minus the " +
        fmtMilli(A) + " mL alarm volume), and at " + rateText + " a day (" + fmtMilli(D) + " mcg a day \u00f7 " +
        fmtMilli(C) + " mcg/mL) that lasts " + commas(daysAlarm) + " whole " + (daysAlarm === 1 ? "day." : "days.")
    };
    out.ok = true;
    return out;
  }

  /* What the result must lead with on the reader's date (today: a day number, see todayDay):
     "long_empty" (by these numbers the pump would have been empty for more than config.longEmptyDays days: most
     likely it has been refilled since, so that is asked first), "alarm_past" (the alarm date is today or has
     passed), "refill_past" (the refill-by date is today or has passed), "book_now" (the alarm comes within the
     safety margin: no refill-by date), or "". */
  function urgency(result, today, cfg) {
    if (today - result.emptyDay > (cfg || api.config).longEmptyDays) return "long_empty";
    if (result.alarmDay <= today) return "alarm_past";
    if (result.refillByDay !== null && result.refillByDay <= today) return "refill_past";
    if (result.refillByDay === null) return "book_now";
    return "";
  }

  /* The words that lead the result for an urgency code, in three parts: ask (a question asked first), link (the
     words of a link to the refill-date field; the page that has no such field shows them as text) and text.
     "long_empty" asks "Has the pump been refilled since ...?", then links to entering the latest refill date, then
     gives the advice for a passed alarm date. */
  function leadFor(code, result, cfg) {
    var st = (cfg || api.config).states;
    if (code !== "long_empty") return { ask: "", link: "", text: code ? st[code] : "" };
    return { ask: fill(st.long_empty, { filled: dayMonthYear(result.filledDay), days: commas(result.today - result.emptyDay) }),
      link: st.long_empty_link, text: st.long_empty_not + " " + st.alarm_past };
  }

  /* "#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20"
     -> {values, ignored: [{key, code}] (known keys only), unknown: true when other parts were not understood,
         rejectedDate: true when a filled date was given but could not be used}.
     Never throws, and never returns text from the link except a known key's name and accepted values. */
  function parseFragment(text, cfg) {
    cfg = cfg || api.config;
    var keys = cfg.keys, values = {}, ignored = [], unknown = false, rejectedDate = false, count = {};
    var parts = String(text == null ? "" : text).replace(/^#/, "").split(/[&;]/);
    if (parts.length > 50) { unknown = true; parts = parts.slice(0, 50); }
    function note(key, code) {
      var old = ignored.filter(function (i) { return i.key === key; })[0];
      if (old) { if (code === "twice") old.code = code; } else ignored.push({ key: key, code: code });
      if (key === "filled") rejectedDate = true;
    }
    parts.forEach(function (part) {
      if (!part.trim()) return;
      var eq = part.indexOf("="), key, val, why = "";
      try {
        key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " ")).trim();
        val = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " ")).trim();
      } catch (e) { unknown = true; return; }
      if (keys.indexOf(key) < 0) { unknown = true; return; }
      count[key] = (count[key] || 0) + 1;
      if (count[key] > 1) { delete values[key]; note(key, "twice"); return; }
      if (val === "") why = "empty";
      else if (key === "pump") why = val === "custom" || findPump(cfg, val) ? "" : "pump";
      else if (key === "filled") why = parseDate(val, cfg).error ? "date" : "";
      else {
        var p = parseDecimal(val);
        why = p.error === "too_large" ? "range" : p.error ? "bad" : "";
        if (!why) val = fmtMilli(p.milli).replace(/,/g, "");
      }
      if (why) note(key, why);
      else values[key] = val;
    });
    if (values.reservoir != null && values.pump && values.pump !== "custom") {
      delete values.reservoir;
      note("reservoir", "reservoir_named");
    }
    return { values: values, ignored: ignored, unknown: unknown, rejectedDate: rejectedDate };
  }

  /* The notice for a parsed link: known keys with their reason, then a general line for anything else.
     At most 400 characters (there are only 8 known keys, each named once). */
  function noticeText(parsed, cfg) {
    var n = (cfg || api.config).notices, out = [];
    if (parsed.ignored.length) {
      out.push(fill(n.used_not, { list: parsed.ignored.map(function (i) { return i.key + " (" + n.reasons[i.code] + ")"; }).join(", ") }));
    }
    if (parsed.unknown) out.push(n.not_understood);
    return out.join(" ").slice(0, 400);
  }

  /* {pump, conc: "2,000", ...} -> "pump=...&conc=2000": the config's keys, in order; numbers (the keys with limits)
     written plainly. */
  function buildFragment(obj, cfg) {
    cfg = cfg || api.config;
    return cfg.keys.filter(function (k) { return obj && str(obj[k]) !== ""; }).map(function (k) {
      var v = str(obj[k]);
      if (has(cfg.limits, k)) { var p = parseDecimal(v); if (!p.error) v = fmtMilli(p.milli).replace(/,/g, ""); }
      return k + "=" + encodeURIComponent(v);
    }).join("&");
  }

  function utf8Length(ch) { var c = ch.codePointAt(0); return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }
  /* RFC 5545 3.1: lines of at most 75 octets; a longer line goes on after CRLF and one space. Cut only between
     characters (code points), never inside a character's UTF-8 bytes. */
  function foldLine(line) {
    var out = [], cur = "", n = 0;
    Array.from(line).forEach(function (ch) {
      var k = utf8Length(ch);
      if (n + k > 75) { out.push(cur); cur = " "; n = 1; }
      cur += ch;
      n += k;
    });
    return out.concat(cur).join("\r\n");
  }

  /* An iCalendar (RFC 5545) all-day event on opts.date ("YYYY-MM-DD"), with a reminder a week before.
     null when the date is outside the planner's date range (the planner then says so). */
  function makeIcs(opts, cfg) {
    var day = parseDate(opts.date, cfg);
    if (day.error) return null;
    var ymd = function (d) { return d.replace(/-/g, ""); };
    var stamp = (opts.now || new Date()).toISOString().replace(/[-:]|\.\d+/g, "");
    var esc = function (t) { return String(t).replace(/\\/g, "\\\\").replace(/\r?\n/g, "\\n").replace(/([,;])/g, "\\$1"); };
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//" + esc(opts.site || "ITB") + "//Refill planner//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
      "UID:refill-" + ymd(opts.date) + "-" + stamp + "@refill-planner.invalid", "DTSTAMP:" + stamp,
      "DTSTART;VALUE=DATE:" + ymd(opts.date), "DTEND;VALUE=DATE:" + ymd(isoDay(day.day + 1)),
      "SUMMARY:" + esc(opts.summary), "DESCRIPTION:" + esc(opts.description), "TRANSP:TRANSPARENT",
      "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + esc(opts.summary), "TRIGGER:-P7D", "END:VALARM",
      "END:VEVENT", "END:VCALENDAR"].map(foldLine).join("\r\n") + "\r\n";
  }

  function setConfig(cfg) { api.config = cfg; return cfg; }
  [compute, urgency, parseFragment, noticeText, buildFragment, parseDecimal, parseDate, fmtMilli, aboutPhrase, makeIcs,
    foldLine, setConfig, isoDay, longDay, dayMonthYear, todayDay, fillAhead, leadFor].forEach(function (fn) { api[fn.name] = fn; });
  window.ITBRefill = api;
  var el = document.querySelector("script.itb-refill-config");
  if (el) { try { setConfig(JSON.parse(el.textContent)); } catch (e) { /* the tools stay hidden */ } }
})();
