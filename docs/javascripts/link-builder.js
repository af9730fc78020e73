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

  /* ---- Planner link builder ----
     The builder checks its values with the planner's own validator (refill-core.js, window.ITBRefill, with the
     same JSON config as the planner), so every link it makes opens in the planner without an error. */
  function readForm(form, R, cfg) {
    function field(name) { return form.elements.namedItem(name); }
    var values = {};
    cfg.keys.forEach(function (name) { values[name] = String(field(name).value).trim(); });
    if (values.pump !== "custom") values.reservoir = "";
    var out = R.compute(values, cfg), problems = [];
    cfg.keys.forEach(function (name) {
      if (!out.errors[name]) return;
      var label = field(name).labels[0].textContent.replace(/\s+/g, " ").trim();
      problems.push({ field: field(name), message: label + ": " + out.errors[name] });
    });
    return { values: values, problems: problems, warnings: out.warnings };
  }

  /* The planner on the site being viewed (this copy, offline copy or clinic copy), for "Open". */
  function localPath(path) {
    var root = window.__md_scope instanceof URL ? window.__md_scope : new URL("..", location.href);
    var flat = /\.html$/.test(location.pathname) && !/\/index\.html$/.test(location.pathname);
    return new URL(flat ? path.replace(/\/$/, ".html") : path, root).href;
  }

  function setupBuilder(form) {
    var R = window.ITBRefill, cfg = null, script = form.querySelector("script.itb-refill-config");
    try { cfg = JSON.parse(script.textContent); } catch (e) { return; } /* no validator: the form stays hidden */
    if (!R) return;
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
      var read = readForm(form, R, cfg);
      if (read.problems.length) {
        error.textContent = read.problems.map(function (p) { return p.message; }).join(" ");
        read.problems.forEach(function (p) {
          p.field.setAttribute("aria-invalid", "true");
          var more = p.field.closest("details");
          if (more) more.open = true;
        });
        result.hidden = true;
        read.problems[0].field.focus();
        return;
      }
      error.textContent = "";
      /* A refill date after today gives a link, but never quietly: say what the planner will lead with. */
      var future = read.warnings.filter(function (w) { return w.code === "filled_future"; })[0];
      var warn = result.querySelector(".link-builder__warning");
      if (!warn) {
        warn = document.createElement("p");
        warn.className = "link-builder__warning";
        result.insertBefore(warn, result.firstChild);
      }
      warn.textContent = future ? "Check the date of the refill. The planner will open this link with: \u201c" + future.text + "\u201d" : "";
      warn.hidden = !future;
      var fragment = R.buildFragment(read.values, cfg);
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
    var hash;
    try { hash = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; } /* "#%": not an anchor */
    if (!hash || hash.indexOf("=") >= 0) return;
    var el = document.getElementById(hash);
    if (el && el.classList.contains("moved-section")) {
      var a = el.querySelector("a[href]");
      if (a) location.replace(a.href);
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.link-builder"), setupBuilder);
    Array.prototype.forEach.call(document.querySelectorAll("button.clinic-copy"), setupCopy);
    followMovedSection();
  }

  window.addEventListener("hashchange", followMovedSection);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
