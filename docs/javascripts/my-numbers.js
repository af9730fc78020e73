/* My pump team's number, on this device (issue 18). The numbers are kept in localStorage only: nothing is
   sent anywhere. Once saved, every "call your pump team" (an element with data-pump-team-call, made by the
   action macros and the care cards in the generic build only) gets tap-to-call links. A clinic build prints
   its own numbers and has no such elements, so this script changes nothing there.
   The tel: rule is macros/clinic.py tel_href; the number rule is macros/models.py PHONE. */
(function () {
  "use strict";
  var KEY = "itb-my-numbers";
  var PHONE = /^\+?[0-9][0-9 ()\-]{1,18}[0-9]$/;
  var FIELDS = ["pump_team_phone", "after_hours_phone"];

  function telHref(number) {
    var n = String(number).trim();
    return "tel:" + (n.charAt(0) === "+" ? "+" : "") + n.replace(/[^0-9]/g, "");
  }
  function valid(n) { return typeof n === "string" && PHONE.test(n); }
  function load() {
    var raw = null;
    try { raw = JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { raw = null; }
    if (!raw || typeof raw !== "object" || !valid(raw.pump_team_phone)) return null;
    return { pump_team_phone: raw.pump_team_phone,
             after_hours_phone: valid(raw.after_hours_phone) ? raw.after_hours_phone : "" };
  }
  function link(number, text) {
    var a = document.createElement("a");
    a.className = "tel itb-my-call";
    a.href = telHref(number);
    a.textContent = text;
    return a;
  }
  function apply() {
    var nums = load();
    document.querySelectorAll(".itb-my-links").forEach(function (el) { el.remove(); });
    if (!nums) return;
    document.querySelectorAll("[data-pump-team-call]").forEach(function (el) {
      var box = document.createElement("span");
      box.className = "itb-my-links";
      box.appendChild(link(nums.pump_team_phone, "Call " + nums.pump_team_phone));
      if (nums.after_hours_phone) box.appendChild(link(nums.after_hours_phone, "After hours: " + nums.after_hours_phone));
      el.insertAdjacentElement("afterend", box);
    });
  }
  function form(f) {
    var status = f.querySelector('[role="status"]');
    var saved = load();
    f.hidden = false;
    if (f.parentElement && f.parentElement.tagName === "DETAILS") f.parentElement.hidden = false;
    FIELDS.forEach(function (name) { if (saved) f.elements[name].value = saved[name] || ""; });
    f.addEventListener("submit", function (event) {
      event.preventDefault();
      var team = f.elements.pump_team_phone.value.trim(), after = f.elements.after_hours_phone.value.trim();
      if (!valid(team) || (after && !valid(after))) {
        status.textContent = "Please check the number. Use a phone number made of digits, spaces, brackets " +
          "or dashes, for example 555-010-0100.";
        return;
      }
      try {
        window.localStorage.setItem(KEY, JSON.stringify({ pump_team_phone: team, after_hours_phone: after }));
      } catch (e) {
        status.textContent = "This browser would not save the number.";
        return;
      }
      status.textContent = "Saved on this device only. Every page now shows it next to \u201ccall your pump team\u201d.";
      apply();
    });
    f.querySelector('[data-role="forget"]').addEventListener("click", function () {
      try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
      FIELDS.forEach(function (name) { f.elements[name].value = ""; });
      status.textContent = "Forgotten. The numbers are no longer on this device.";
      apply();
    });
  }
  document.querySelectorAll("form.itb-my-numbers").forEach(form);
  apply();
})();
