/*
 * Quick exit, enhanced (GOV.UK's "Exit this page" pattern).
 *
 * Without JavaScript the exit is an ordinary link. Here: the page is hidden at once and replaced
 * in the history (Back does not return to it), and pressing Shift 3 times within 5 seconds does
 * the same from anywhere on the page. Each press lights one of three lights on the button and is
 * written, and announced, in a status message beside it.
 */
(function () {
  "use strict";

  var PRESSES_NEEDED = 3;
  var WINDOW_MS = 5000;
  var link = document.querySelector("[data-quick-exit] [data-quick-exit-link]");
  if (!link) return;
  var status = document.querySelector("[data-quick-exit-status]");
  var hint = document.querySelector("[data-quick-exit-hint]");
  var indicator = document.querySelector("[data-quick-exit-indicator]");
  var lights = indicator ? indicator.children : [];
  var presses = 0;
  var timer = null;

  function announce(message) {
    if (status) status.textContent = message;
  }

  function leave(url) {
    document.documentElement.classList.add("quick-exit-leaving");
    announce("Exit this page activated. Leaving now.");
    window.location.replace(url);
  }

  function showPresses() {
    for (var i = 0; i < lights.length; i += 1) {
      lights[i].classList.toggle("quick-exit__light--on", i < presses);
    }
    if (indicator) indicator.hidden = presses === 0;
    document.documentElement.classList.toggle("quick-exit-counting", presses > 0);
  }

  function reset(message) {
    presses = 0;
    window.clearTimeout(timer);
    timer = null;
    showPresses();
    if (message) announce(message);
  }

  document.querySelectorAll("[data-quick-exit-link]").forEach(function (exit) {
    exit.addEventListener("click", function (event) {
      // Let modified clicks (new tab, new window) behave as the visitor asked.
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      leave(exit.href);
    });
  });

  // Counted on keyup, as GOV.UK does: any other key in between starts again, and a Shift that
  // was part of a shortcut (Shift+Tab) does not count, so moving backwards never exits.
  var lastKeyWasModified = false;
  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastKeyWasModified) {
      countShift();
    } else if (timer) {
      reset("Exit this page cancelled.");
    }
    lastKeyWasModified = event.shiftKey;
  });

  function countShift() {
    presses += 1;
    showPresses();
    if (presses >= PRESSES_NEEDED) {
      leave(link.href);
      reset();
      return;
    }
    var remaining = PRESSES_NEEDED - presses;
    announce(
      "Shift pressed " + presses + (presses === 1 ? " time" : " times") + ". Press Shift " +
        remaining + " more " + (remaining === 1 ? "time" : "times") + " to exit this page."
    );
    if (!timer) {
      timer = window.setTimeout(function () {
        reset("Exit this page cancelled.");
      }, WINDOW_MS);
    }
  }

  // Coming Back from the next site can restore this page from the cache: show it again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("quick-exit-leaving");
      reset("");
    }
  });

  // Browsers that know (scripting: enabled) already show the hint (site.css); this is for the rest.
  if (hint) hint.hidden = false;
})();
