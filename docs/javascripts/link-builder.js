/* For clinics: the planner link builder (its QR code comes from qr-encoder.js), the "Copy" buttons
   for discharge notes, and the jump from a moved section's old anchor to its new place.
   Nothing here talks to a server: the planner values go in the link's fragment (after #), which
   browsers never send. The page works without this script; the script only adds the builder. */
(function () {
  "use strict";


  /* The QR encoder is only needed on the page with the builder: load it from next to this file. */
  var here = document.currentScript && document.currentScript.src;
  function withEncoder(callback) {
    if (window.ITBQR) { callback(); return; }
    var script = document.createElement("script");
    script.src = here ? here.replace(/link-builder\.js(\?.*)?$/, "qr-encoder.js") : "qr-encoder.js";
    script.onload = callback;
    document.head.appendChild(script);
  }

  /* ---- Planner link builder ---- */
  var PARAMS = ["pump", "reservoir", "vol", "alarm", "conc", "dose", "filled", "margin"];

  function cleanNumber(raw) {
    var s = String(raw).trim().replace(",", ".");
    if (s === "") return "";
    var n = Number(s);
    return isFinite(n) ? String(n) : NaN;
  }

  function isIsoDate(s) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    var d = new Date(s + "T00:00:00Z");
    return !isNaN(d) && d.toISOString().slice(0, 10) === s;
  }

  function buildFragment(values) {
    if (window.ITBRefill && typeof window.ITBRefill.buildFragment === "function") {
      try {
        var theirs = window.ITBRefill.buildFragment(values);
        if (typeof theirs === "string" && theirs) return theirs.replace(/^#/, "");
      } catch (e) { /* fall back to our own, same format */ }
    }
    return PARAMS.filter(function (k) { return values[k] !== undefined && values[k] !== ""; })
      .map(function (k) { return k + "=" + encodeURIComponent(values[k]); }).join("&");
  }

  function readForm(form) {
    var problems = [], values = {};
    function field(name) { return form.elements.namedItem(name); }
    function problem(name, message) { problems.push({ field: field(name), message: message }); }
    values.pump = field("pump").value;
    if (!values.pump) problem("pump", "Choose a pump.");
    ["reservoir", "vol", "alarm", "conc", "dose", "margin"].forEach(function (name) {
      var el = field(name), v = cleanNumber(el.value);
      if (Number.isNaN(v)) { problem(name, "Enter a number for " + el.labels[0].textContent.trim() + "."); return; }
      values[name] = v;
      var min = Number(el.getAttribute("data-min"));
      if (v !== "" && Number(v) < min) problem(name, el.labels[0].textContent.trim() + " must be at least " + min + ".");
    });
    if (values.pump === "custom" && values.reservoir === "") problem("reservoir", "Enter the pump size for another pump.");
    if (values.pump !== "custom") values.reservoir = "";
    if (values.conc === "") problem("conc", "Enter the strength in mcg/mL.");
    if (values.dose === "") problem("dose", "Enter the daily dose in mcg/day.");
    values.filled = field("filled").value.trim();
    if (!isIsoDate(values.filled)) problem("filled", "Enter the date of the refill.");
    var option = field("pump").selectedOptions[0];
    var size = values.pump === "custom" ? Number(values.reservoir)
      : Number(option && option.getAttribute("data-reservoir"));
    if (values.vol !== "" && size && Number(values.vol) > size) {
      problem("vol", "The volume put in cannot be more than the pump holds (" + size + " mL).");
    }
    if (values.alarm !== "" && values.vol !== "" && Number(values.alarm) >= Number(values.vol)) {
      problem("alarm", "The alarm volume must be less than the volume put in.");
    }
    return { values: values, problems: problems };
  }

  /* The planner on the site being viewed (this copy, offline copy or clinic copy), for "Open". */
  function localPath(path) {
    var root = window.__md_scope instanceof URL ? window.__md_scope : new URL("..", location.href);
    var flat = /\.html$/.test(location.pathname) && !/\/index\.html$/.test(location.pathname);
    return new URL(flat ? path.replace(/\/$/, ".html") : path, root).href;
  }

  function setupBuilder(form) {
    var base = form.getAttribute("data-planner");
    var id = form.id;
    var error = document.getElementById(id + "-error");
    var result = document.getElementById(id + "-result");
    var linkBox = document.getElementById(id + "-link");
    var open = document.getElementById(id + "-open");
    var qrBox = document.getElementById(id + "-qr");
    var localPlanner = localPath(form.getAttribute("data-planner-path"));
    var pump = form.elements.namedItem("pump");
    var reservoirField = document.getElementById(id + "-reservoir-field");
    function showReservoir() { reservoirField.hidden = pump.value !== "custom"; }
    pump.addEventListener("change", showReservoir);
    showReservoir();
    form.hidden = false;
    withEncoder(function () { /* fetched now, so the QR code shows at once */ });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
      var read = readForm(form);
      if (read.problems.length) {
        error.textContent = read.problems.map(function (p) { return p.message; }).join(" ");
        read.problems.forEach(function (p) { if (p.field) p.field.setAttribute("aria-invalid", "true"); });
        result.hidden = true;
        if (read.problems[0].field) read.problems[0].field.focus();
        return;
      }
      error.textContent = "";
      var fragment = buildFragment(read.values);
      var link = base + "#" + fragment;
      linkBox.value = link;
      open.setAttribute("href", localPlanner.split("#")[0] + "#" + fragment);
      qrBox.textContent = "";
      result.hidden = false;
      linkBox.focus();
      linkBox.select();
      withEncoder(function () { qrBox.innerHTML = window.ITBQR.svg(link, "QR code for the planner link"); });
    });
  }

  /* ---- Copy buttons ---- */
  function setupCopy(button) {
    var holder = button.closest("[hidden]");
    if (holder && holder.classList.contains("discharge-note__actions")) holder.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy"));
      var text = "value" in target && target.tagName !== "PRE" ? target.value : target.textContent;
      var status = button.parentNode.querySelector(".clinic-copy__status");
      var done = function (ok) { if (status) status.textContent = ok ? "Copied." : "Select the text and copy it."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      } else {
        done(false);
      }
    });
  }

  /* ---- A published anchor whose section moved: go to the new place ---- */
  function followMovedSection() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (!hash) return;
    var el = document.getElementById(hash);
    if (el && el.classList.contains("moved-section")) {
      var a = el.querySelector("a[href]");
      if (a) location.replace(a.href);
    }
  }

  function init() {
    followMovedSection();
    Array.prototype.forEach.call(document.querySelectorAll("form.link-builder"), setupBuilder);
    Array.prototype.forEach.call(document.querySelectorAll("button.clinic-copy"), setupCopy);
  }

  window.addEventListener("hashchange", followMovedSection);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
