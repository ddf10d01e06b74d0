/*
 * Contrast toggle, enhanced: switch theme without a reload.
 *
 * Without JavaScript the form posts to /preferences/contrast/ and the server renders
 * <html class="contrast-high|contrast-standard"> from the "contrast" cookie. Here we keep the
 * same three things in step: the cookie, the class on <html> and the button's aria-pressed.
 */
(function () {
  "use strict";

  var COOKIE = "contrast";
  var ONE_YEAR = 365 * 24 * 60 * 60;
  var root = document.documentElement;
  var systemWantsMore = window.matchMedia && window.matchMedia("(prefers-contrast: more)");

  function explicitChoice() {
    if (root.classList.contains("contrast-high")) return "high";
    if (root.classList.contains("contrast-standard")) return "standard";
    return null;
  }

  function isHigh() {
    var choice = explicitChoice();
    if (choice) return choice === "high";
    return Boolean(systemWantsMore && systemWantsMore.matches);
  }

  function remember(choice) {
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie =
      COOKIE + "=" + choice + "; Max-Age=" + ONE_YEAR + "; Path=/; SameSite=Lax" + secure;
  }

  function show(form) {
    var high = isHigh();
    form.querySelector("button").setAttribute("aria-pressed", high ? "true" : "false");
    // Keep the no-JavaScript fallback truthful too.
    form.querySelector("input[name=contrast]").value = high ? "standard" : "high";
  }

  document.querySelectorAll("[data-contrast-toggle]").forEach(function (form) {
    // With no explicit choice the system may already have turned high contrast on.
    show(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var choice = isHigh() ? "standard" : "high";
      root.classList.remove("contrast-high", "contrast-standard");
      root.classList.add("contrast-" + choice);
      remember(choice);
      show(form);
    });
    if (systemWantsMore && systemWantsMore.addEventListener) {
      systemWantsMore.addEventListener("change", function () {
        show(form);
      });
    }
  });
})();
