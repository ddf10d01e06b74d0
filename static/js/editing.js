/*
 * Keeping an editor's work safe on an admin edit form (editing/machinery.py has the server side).
 *
 * - While the editor is active (typing, clicking), the session is renewed every beat.
 * - Before an idle session ends, a dialog says so, and "Continue editing" renews it.
 * - A few seconds after each change the form is autosaved to the server, for this editor only.
 * - The browser keeps its own copy too, for a dropped network; offered back if it is newer than
 *   the last save.
 * - Leaving the page with unsaved changes asks first.
 * - Who else has the form open is shown as the server says.
 *
 * Everything works without this file: saving, conflicts, sign-off and the form kept over a
 * sign-in are the server's.
 */
(function () {
  "use strict";

  const config = document.getElementById("editing");
  if (!config) {
    return;
  }
  const form = config.closest("form");
  const data = config.dataset;
  const sessionMs = Number(data.sessionSeconds) * 1000;
  const beatMs = Number(data.beatSeconds) * 1000;
  // Warn a quarter of the idle time before the end, between 5 seconds and 2 minutes.
  const warnMs = Math.max(5000, Math.min(120000, sessionMs / 4));
  const autosaveDelayMs = 3000;
  // The server's clock, so "newer than the last save" never depends on this computer's.
  const clockOffset = Date.parse(data.serverNow) - Date.now();
  const serverNow = () => Date.now() + clockOffset;

  const dialog = document.getElementById("editing-warning");
  const status = document.getElementById("editing-status");
  const presence = document.getElementById("editing-presence");
  const localNotice = document.getElementById("editing-local");

  let renewedAt = Date.now();
  let activeAt = 0;
  let dirty = false;
  let submitting = false;
  let signedOut = false;
  let autosaveTimer = null;
  let checking = false;

  function say(text) {
    status.textContent = text;
  }

  function csrfToken() {
    const input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function useToken(token) {
    // Signing in again (in another tab) changes the token: every form on the page follows.
    document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach((input) => {
      input.value = token;
    });
  }

  function renewed() {
    renewedAt = Date.now();
    signedOut = false;
    if (dialog.open) {
      dialog.close();
    }
  }

  function showSignedOut() {
    signedOut = true;
    const text = dialog.querySelector("[data-editing-warning-text]");
    dialog.querySelector("h2").textContent = "You have been signed out";
    text.textContent =
      "Nothing you typed is lost: it is kept in this browser and on the server. Press a save " +
      "button: you will be asked to sign in, and your work comes back in the form.";
    dialog.querySelector("[data-editing-continue]").textContent = "Back to the form";
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  function showPresence(others) {
    presence.replaceChildren(
      ...others.map((other) => {
        const line = document.createElement("p");
        line.textContent = other.text + " Your saves may clash: talk to them first.";
        return line;
      })
    );
    presence.hidden = others.length === 0;
  }

  async function heartbeat() {
    checking = true;
    const url = new URL(data.endpoint, window.location.href);
    if (data.objectId) {
      url.searchParams.set("id", data.objectId);
    }
    try {
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.status === 401) {
        showSignedOut();
        return;
      }
      const answer = await response.json();
      useToken(answer.csrf_token);
      showPresence(answer.others);
      renewed();
    } catch (error) {
      say("The connection to the site was lost. What you type is kept in this browser.");
    } finally {
      checking = false;
    }
  }

  function formData() {
    const body = new FormData(form);
    form.querySelectorAll("input[type=file]").forEach((input) => body.delete(input.name));
    return body;
  }

  function keepLocally(submitted) {
    const fields = [];
    for (const [name, value] of formData()) {
      if (name !== "csrfmiddlewaretoken") {
        fields.push([name, value]);
      }
    }
    try {
      localStorage.setItem(
        data.storageKey,
        JSON.stringify({ typedAt: serverNow(), submitted: submitted, fields: fields })
      );
    } catch (error) {
      // A full or refused local store: the server's autosave still keeps the work.
    }
  }

  async function autosave() {
    autosaveTimer = null;
    const body = formData();
    body.set("_autosave", "1");
    try {
      const response = await fetch(form.action || window.location.href, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
      });
      const type = response.headers.get("Content-Type") || "";
      if (response.redirected || !type.includes("application/json")) {
        // Sent to sign in: the session has ended.
        showSignedOut();
        return;
      }
      const answer = await response.json();
      if (response.ok) {
        renewed();
        say(`Your changes were kept at ${answer.saved_at} (only you can see them until you save).`);
      } else {
        say(answer.error);
      }
    } catch (error) {
      say("The connection to the site was lost. What you type is kept in this browser.");
    }
  }

  function changed() {
    dirty = true;
    activeAt = Date.now();
    keepLocally(false);
    if (autosaveTimer === null) {
      autosaveTimer = window.setTimeout(autosave, autosaveDelayMs);
    }
  }

  function tick() {
    const now = Date.now();
    if (signedOut || checking) {
      return;
    }
    if (activeAt > renewedAt && now - renewedAt >= beatMs) {
      heartbeat();
      return;
    }
    const left = renewedAt + sessionMs - now;
    if (left <= 0) {
      // Another tab may have kept the session alive: ask before saying it has ended.
      heartbeat();
    } else if (left <= warnMs && !dialog.open) {
      const end = new Date(serverNow() + left);
      dialog.querySelector("[data-editing-warning-text]").textContent =
        "Nothing has happened on this page for a while, so you will be signed out at " +
        end.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }) +
        " to keep the editor safe. Continue to stay signed in.";
      dialog.showModal();
    }
  }

  function offerLocalCopy() {
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(data.storageKey) || "null");
    } catch (error) {
      kept = null;
    }
    if (!kept) {
      return;
    }
    const lastSaved = data.lastSaved ? Date.parse(data.lastSaved) : 0;
    const shownWithErrors = document.querySelector(".errornote") !== null;
    if (kept.typedAt <= lastSaved || shownWithErrors) {
      // Saved since (or the server showed the post back): nothing to offer.
      localStorage.removeItem(data.storageKey);
      return;
    }
    const current = JSON.stringify(
      [...formData()].filter(([name]) => name !== "csrfmiddlewaretoken")
    );
    if (current === JSON.stringify(kept.fields)) {
      return;
    }
    localNotice.querySelector("[data-editing-local-time]").textContent = new Date(
      kept.typedAt - clockOffset
    ).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    localNotice.hidden = false;
    localNotice.querySelector("[data-editing-forget-local]").addEventListener("click", () => {
      localStorage.removeItem(data.storageKey);
      localNotice.hidden = true;
    });
    localNotice.querySelector("[data-editing-restore-local]").addEventListener("click", async () => {
      // The server puts it back (rich text included): it becomes this editor's autosave.
      const body = new FormData();
      kept.fields.forEach(([name, value]) => body.append(name, value));
      body.set("_autosave", "1");
      body.set("csrfmiddlewaretoken", csrfToken());
      const response = await fetch(form.action || window.location.href, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok && !response.redirected) {
        const url = new URL(window.location.href);
        url.searchParams.set("restore", "autosave");
        window.location.assign(url);
      } else {
        say("It could not be put back: sign in again, then try once more.");
      }
    });
  }

  ["keydown", "pointerdown", "wheel", "touchstart"].forEach((type) => {
    document.addEventListener(type, () => {
      activeAt = Date.now();
    }, { passive: true });
  });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => {
    submitting = true;
    keepLocally(true);
  });
  dialog.querySelector("[data-editing-continue]").addEventListener("click", () => {
    dialog.close();
    if (!signedOut) {
      activeAt = Date.now();
      heartbeat();
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  // Signing out clears this browser's copies, so the next person at this computer finds none.
  document.querySelectorAll("#logout-form").forEach((logout) => {
    logout.addEventListener("submit", () => {
      Object.keys(localStorage)
        .filter((key) => key.startsWith("lscp-editing:"))
        .forEach((key) => localStorage.removeItem(key));
    });
  });

  offerLocalCopy();
  window.setInterval(tick, 1000);
})();
