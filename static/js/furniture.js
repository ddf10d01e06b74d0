/*
 * The header menu and the concern banner's list, enhanced.
 *
 * Without JavaScript the phone menu opens through its link's #site-menu (CSS :target) and closes
 * with "Close menu"; wide screens show the menu and every number by CSS alone. Here the link
 * becomes a button that says whether the menu is open, and on wide screens the banner's <details>
 * is opened for browsers whose CSS cannot show a closed one's contents.
 */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 48em)");

  var menu = document.querySelector("[data-menu]");
  var link = document.querySelector("[data-menu-toggle]");
  if (menu && link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("aria-controls", menu.id);
    link.replaceWith(button);
    // From here the button, not the address's #site-menu (CSS :target), opens the menu.
    document.documentElement.setAttribute("data-menu-enhanced", "");
    var close = menu.querySelector("[data-menu-close]");
    if (close) close.hidden = true;

    var setOpen = function (open) {
      menu.classList.toggle("site-menu--open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    };
    // Opened without JavaScript before this ran: keep it open, but as the button's state.
    setOpen(window.location.hash === "#" + menu.id);
    if (window.location.hash === "#" + menu.id) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      var open = button.getAttribute("aria-expanded") === "true";
      if (event.key === "Escape" && open && !WIDE.matches) {
        setOpen(false);
        button.focus();
      }
    });
  }

  var banner = document.querySelector("[data-concern-all]");
  if (banner) {
    var openOnPhones = false;
    var fit = function () {
      banner.open = WIDE.matches || openOnPhones;
    };
    fit();
    WIDE.addEventListener("change", fit);
    banner.addEventListener("toggle", function () {
      if (!WIDE.matches) openOnPhones = banner.open;
    });
  }
})();
