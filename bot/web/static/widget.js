/*
 * VraagWijzer chat widget. One tag puts a chat button and panel on any page:
 *
 *   <script src="https://HOST/widget.js" defer data-locale="nl" data-name="Lindenhaven"
 *           data-color="#1f5f8b" data-welcome-nl="..." data-welcome-en="..."></script>
 *
 * Everything comes from HOST: this script, its stylesheet and the chat API. Nothing runs
 * inline and no style attribute is written, so it works under a strict
 * Content-Security-Policy (the page allows HOST in script-src, style-src and connect-src).
 *
 * Messages are never lost or shown twice: each message the resident sends gets a
 * client_id and waits in sessionStorage until the server has stored it; retries reuse
 * the client_id (the server answers it once); messages are keyed by their server id.
 * Asked to, it is kept in localStorage too (until "forget", deletion or its end).
 */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || document.documentElement.hasAttribute("data-vraagwijzer")) return;
  document.documentElement.setAttribute("data-vraagwijzer", "");

  const HOST = new URL(script.src, location.href).origin;
  const API = HOST + "/api/v1";
  const opt = script.dataset;
  const KEY = "vraagwijzer:" + HOST;
  const MAX_BACKOFF = 30000;

  // -- what survives a reload: the conversation, unsent messages, button labels ----------
  // (seen: the last message id in view; only newer ones are unread.)
  const saved = Object.assign(
    {
      id: null, token: null, locale: null, open: false, pending: [], labels: {},
      remember: false, seen: 0,
    },
    readJSON(KEY) || readJSON(KEY, "localStorage") || {}
  );
  function save() {
    try {
      const data = JSON.stringify(saved);
      sessionStorage.setItem(KEY, data);
      if (saved.remember) localStorage.setItem(KEY, data);
    } catch (e) {
      /* storage full or blocked: the widget still works, only without reload survival */
    }
  }
  function readJSON(key, where = "sessionStorage") {
    try {
      return JSON.parse(window[where].getItem(key));
    } catch (e) {
      return null;
    }
  }
  function unremember() {
    saved.remember = false;
    try {
      localStorage.removeItem(KEY);
    } catch (e) {
      /* storage blocked: nothing was kept there */
    }
  }

  let config = null; // from /api/v1/widget/config, in the widget's language
  let S = {}; // its UI strings
  let cursor = 0; // highest message id read in order (log or stream): resume point
  const shown = new Map(); // server message id -> element
  let sending = false;
  let streaming = null; // AbortController of the open stream
  let retryTimer = 0;
  let backoff = 1000; // grows while sending fails, back to 1 s once it works
  let isEnded = false; // the server no longer knows the conversation (expired)
  let resuming = false; // taking over a conversation from a mailed link: start none

  // -- small DOM helpers: text is always set with textContent, never parsed as HTML ------
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  const fmt = (s) => (s || "").replace("{municipality}", opt.name || config.municipality);
  const fill = (s, values) => (s || "").replace(/\{(\w+)\}/g, (all, k) => values[k] ?? all);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  // -- the widget's elements, in a shadow root so the page's CSS cannot reach them -------
  const host = el("div");
  host.setAttribute("data-vraagwijzer-widget", "");
  const root = host.attachShadow({ mode: "open" });
  const sheet = el("link");
  sheet.rel = "stylesheet";
  sheet.href = HOST + "/widget.css";
  const ui = el("div", "vw");
  ui.hidden = true; // until the stylesheet and the strings are there
  root.append(sheet, ui);

  const launcher = el("button", "vw-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "vw-panel");
  const launcherText = el("span");
  const unread = el("span", "vw-unread");
  unread.hidden = true;
  launcher.append(icon(), launcherText, unread);

  const panel = el("section", "vw-panel");
  panel.id = "vw-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "vw-title");
  const head = el("div", "vw-head");
  const titles = el("div", "vw-titles");
  const title = el("h2", "vw-title");
  title.id = "vw-title";
  const subtitle = el("p", "vw-subtitle");
  titles.append(title, subtitle);
  const langButton = el("button", "vw-lang");
  langButton.type = "button";
  const closeButton = el("button", "vw-close");
  closeButton.type = "button";
  const closeText = el("span", "vw-sr");
  closeButton.append(el("span", "vw-x", "×"), closeText);
  closeButton.firstChild.setAttribute("aria-hidden", "true");
  head.append(titles, langButton, closeButton);

  const status = el("p", "vw-status");
  status.setAttribute("role", "status");
  // The server cannot answer for a while (its database is down): its own words for the
  // resident, with the crisis numbers, until a request gets through again.
  const outageBox = el("div", "vw-outage");
  outageBox.setAttribute("role", "alert");
  outageBox.hidden = true;
  const outageText = el("p", "vw-outage-text");
  const outageCrisis = el("p", "vw-outage-crisis");
  outageBox.append(outageText, outageCrisis);
  const log = el("div", "vw-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.tabIndex = 0; // it scrolls: keyboard users must be able to reach it
  const intro = el("p", "vw-intro");
  log.append(intro);
  const typing = el("p", "vw-typing");
  typing.hidden = true;

  const form = el("form", "vw-form");
  const label = el("label", "vw-sr");
  label.htmlFor = "vw-input";
  const input = el("textarea", "vw-input");
  input.id = "vw-input";
  input.rows = 2;
  const sendButton = el("button", "vw-send");
  sendButton.type = "submit";
  form.append(label, input, sendButton);
  // Says when a message is longer than the server takes (see checkLength).
  const hint = el("p", "vw-hint");
  hint.id = "vw-hint";
  hint.setAttribute("aria-live", "polite");
  hint.hidden = true;
  panel.append(head, status, outageBox, log, typing, form);
  panel.insertBefore(hint, form);
  ui.append(launcher, panel);

  function icon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 4h16v11H8l-4 4z");
    svg.append(path);
    return svg;
  }

  // -- configuration and language ---------------------------------------------------------
  async function loadConfig(locale) {
    const cacheKey = KEY + ":config:" + locale;
    try {
      const res = await fetch(API + "/widget/config?locale=" + encodeURIComponent(locale));
      if (!res.ok) throw new Error(res.status);
      const fresh = await res.json();
      sessionStorage.setItem(cacheKey, JSON.stringify(fresh));
      return fresh;
    } catch (e) {
      return readJSON(cacheKey); // offline after a reload: the last one still works
    }
  }

  function applyConfig(fresh) {
    config = fresh;
    S = config.strings;
    const locale = config.locale;
    ui.lang = locale;
    launcherText.textContent = S.launcher;
    unread.textContent = S.new_message;
    title.textContent = fmt(S.title);
    heading();
    closeText.textContent = S.close;
    closeButton.title = S.close;
    log.setAttribute("aria-label", S.log);
    intro.textContent = opt["welcome" + locale[0].toUpperCase() + locale.slice(1)] ||
      opt.welcome || config.welcome;
    typing.textContent = S.typing;
    label.textContent = S.input;
    input.placeholder = S.input;
    checkLength();
    sendButton.textContent = S.send;
    deleteTexts();
    keepTexts();
    resumeTexts();
    const other = Object.keys(config.languages).find((code) => code !== locale);
    langButton.hidden = !other;
    if (other) {
      langButton.textContent = config.languages[other];
      langButton.lang = other;
      langButton.dataset.locale = other;
    }
    theme(/^#[0-9a-f]{6}$/i.test(opt.color || "") ? opt.color : config.color);
    for (const node of log.querySelectorAll(".vw-pending")) describePending(node);
    connection(navigator.onLine);
  }

  // The municipality's colour, with text on it (and the colour as text on white) kept at
  // a contrast of at least 4.5:1 (WCAG AA). Custom properties set through the CSSOM are
  // allowed by a CSP without 'unsafe-inline'.
  function theme(color) {
    const luminance = (hex) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const onWhite = 1.05 / (luminance(color) + 0.05);
    ui.style.setProperty("--vw-primary", color);
    ui.style.setProperty("--vw-on-primary", onWhite >= 4.5 ? "#ffffff" : "#1a1a1a");
    ui.style.setProperty("--vw-ink", onWhite >= 4.5 ? color : "#1a1a1a");
  }

  async function switchLanguage(locale, fromButton) {
    const fresh = await loadConfig(locale);
    if (!fresh) return;
    saved.locale = locale;
    save();
    applyConfig(fresh);
    // The conversation switches too (the engine knows the payload lang:xx); a button in
    // the conversation already sent it.
    if (saved.id && !fromButton) send("", "lang:" + locale, config.languages[locale]);
  }

  // -- opening and closing: focus to the input on open, back to the launcher on close ----
  function open(moveFocus = true) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    unread.hidden = true;
    saved.open = true;
    saved.seen = Math.max(saved.seen || 0, ...shown.keys());
    save();
    scrollDown();
    if (moveFocus) input.focus();
    if (!saved.id && !isEnded && !isDeleted && !resuming) start();
  }
  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    saved.open = false;
    save();
    launcher.focus();
  }

  // -- talking to the chat API --------------------------------------------------------------
  function call(method, path, body, signal) {
    const headers = {};
    if (saved.token) headers.Authorization = "Bearer " + saved.token;
    // The language the server's own notices (a 503) are in, when it cannot look it up.
    if (config) headers["Accept-Language"] = config.locale;
    if (body) headers["Content-Type"] = "application/json";
    return fetch(API + path, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      cache: "no-store",
      signal,
    }); // rejects on a network error; HTTP errors come back as a response
  }
  const gone = (code) => code === 401 || code === 404 || code === 410;

  let starting = null;
  function start() {
    starting ||= (async () => {
      const res = await call("POST", "/conversations", { locale: config.locale });
      if (res.status === 429) return busy(res);
      if (res.status === 503) await outage(res);
      if (!res.ok) throw new Error(res.status);
      const body = await res.json();
      Object.assign(saved, { id: body.id, token: body.token });
      save();
      deletable();
      body.messages.forEach((m) => add(m, true));
      follow();
    })()
      .catch(() => {
        connection(false);
        retryLater();
      })
      .finally(() => {
        starting = null;
        if (saved.id) flush();
      });
    return starting;
  }

  // Read the whole log after a reload, then follow the stream.
  async function restore() {
    try {
      const res = await call("GET", "/conversations/" + saved.id + "/messages?after=0");
      if (gone(res.status)) return ended();
      if (res.status === 503) await outage(res);
      if (!res.ok) throw new Error(res.status);
      (await res.json()).messages.forEach((m) => add(m, true));
    } catch (e) {
      connection(false);
    }
    follow();
    flush();
  }

  // Server-Sent Events over fetch (EventSource cannot send the Authorization header);
  // resumes after the last message read in order, so a reconnect misses nothing.
  async function follow() {
    if (streaming || !saved.id) return;
    const id = saved.id;
    let pause = 1000;
    while (saved.id === id) {
      const ctrl = new AbortController();
      streaming = ctrl;
      try {
        const res = await call("GET", `/conversations/${id}/stream?after=${cursor}`, null, ctrl.signal);
        if (gone(res.status)) {
          streaming = null;
          return ended();
        }
        if (!res.ok || !res.body) throw new Error(res.status);
        connection(true);
        pause = 1000;
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            event(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (e) {
        if (!navigator.onLine) {
          // The "online" event starts the stream again.
          connection(false);
          if (streaming === ctrl) streaming = null;
          return;
        }
      }
      if (streaming !== ctrl) return; // stopped: offline, or another conversation
      await sleep(pause);
      if (streaming !== ctrl) return;
      pause = Math.min(pause * 2, MAX_BACKOFF);
    }
    if (streaming) streaming = null;
  }
  function event(block) {
    let data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("data:")) data += line.slice(5).trim();
    }
    if (data) add(JSON.parse(data), true);
  }
  function stopStream() {
    if (streaming) streaming.abort();
    streaming = null;
  }

  // -- sending: one message at a time, in order; a failure waits and retries ------------
  function send(text, payload, buttonLabel, buttonOf) {
    if (isDeleted) clearDeleted();
    const item = {
      cid: newId(),
      text,
      payload: payload || null,
      label: buttonLabel || null,
      of: buttonOf || null,
    };
    if (buttonLabel) saved.labels[item.cid] = buttonLabel;
    saved.pending.push(item);
    save();
    showPending(item);
    scrollDown();
    flush();
  }

  async function flush() {
    if (sending || starting) return;
    if (!saved.id) {
      if (saved.pending.length && !isEnded) start();
      return;
    }
    sending = true;
    try {
      let item;
      while ((item = saved.pending.find((p) => !p.sent && !p.failed))) {
        if (!(await post(item))) break;
      }
    } finally {
      sending = false;
      typing.hidden = true;
    }
  }

  async function post(item) {
    const node = pendingNode(item.cid);
    const id = saved.id;
    let res;
    typing.hidden = false;
    try {
      res = await call("POST", `/conversations/${saved.id}/messages`, {
        text: item.text || null,
        payload: item.payload,
        button_of: item.payload ? item.of || null : null,
        client_id: item.cid,
      });
    } catch (e) {
      return waiting(item, node);
    }
    if (saved.id !== id) return false; // deleted meanwhile: show nothing of it
    if (res.ok) {
      // Stored: it looks sent now; the server's copy replaces it when the log or the
      // stream brings it (matched by client_id).
      item.sent = true;
      save();
      if (node) node.classList.remove("vw-pending", "vw-waiting");
      backoff = 1000;
      connection(true);
      (await res.json()).messages.forEach((m) => add(m, false));
      return true;
    }
    if (gone(res.status)) {
      ended();
      return false;
    }
    if (res.status === 503) await outage(res);
    if (res.status === 429) return slowDown(node, res);
    if (res.status >= 500) return waiting(item, node);
    // The server refused this message (too long, empty): say so, keep the others going.
    const body = await res.json().catch(() => ({}));
    item.failed = true;
    saved.pending = saved.pending.filter((p) => p !== item);
    save();
    if (node) {
      node.classList.remove("vw-waiting");
      node.classList.add("vw-failed");
      const long = res.status === 413 || body.error?.code === "message_too_long";
      const expired = body.error?.code === "button_expired";
      note(node, long ? S.too_long : expired ? S.button_expired || S.failed : S.failed);
    }
    return true;
  }

  function waiting(item, node) {
    if (node) {
      node.classList.add("vw-waiting");
      describePending(node);
    }
    connection(false);
    retryLater();
    return false;
  }

  // Over a rate limit (429): the connection is fine, the server asks to wait. Say so,
  // and try again when it says it may (Retry-After, exposed to us by the CORS headers).
  function slowDown(node, res) {
    if (node) note(node, S.slow_down || S.waiting);
    // Also at the top: the message may be below an answer the resident is reading.
    status.textContent = S.slow_down || S.waiting || "";
    status.hidden = false;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(resume, retryAfter(res));
    return false;
  }
  function busy(res) {
    status.textContent = S.busy || S.offline || "";
    status.hidden = false;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(resume, retryAfter(res));
  }
  const retryAfter = (res) =>
    Math.min(Math.max(Number(res.headers.get("Retry-After")) || 5, 1), 300) * 1000;

  // The longest message the server takes, counted as it counts (characters, not UTF-16
  // units). Not a maxlength on the textarea: that cuts a pasted text short without a
  // word, and half of it would be sent. Too long, it says so and is not sent.
  const tooLong = () => !!config && [...input.value.trim()].length > config.max_chars;
  function checkLength() {
    const over = tooLong();
    // (A configuration cached before these strings existed has only too_long.)
    const words = S.too_long_typed || S.too_long || "";
    if (over) hint.textContent = words.replace("{max}", config.max_chars);
    hint.hidden = !over;
    if (over) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", hint.id);
    } else {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
  }

  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(resume, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF);
  }
  function retryNow() {
    clearTimeout(retryTimer);
    backoff = 1000;
    resume();
  }
  function resume() {
    if (saved.id) {
      follow();
      flush();
    } else if (!isEnded && !isDeleted && (saved.open || saved.pending.length)) {
      start();
    }
  }

  function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return "w-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // -- showing messages -------------------------------------------------------------------
  // ordered: it came from the log or the stream, which deliver in id order; only those
  // move the resume point (a POST's replies skip the resident's own message).
  function add(m, ordered) {
    if (ordered) cursor = Math.max(cursor, m.id);
    if (shown.has(m.id)) return;
    let labelText = null;
    if (m.client_id) {
      labelText = saved.labels[m.client_id] || null;
      const item = saved.pending.find((p) => p.cid === m.client_id);
      if (item) {
        saved.pending = saved.pending.filter((p) => p !== item);
        save();
      }
      const old = pendingNode(m.client_id);
      if (old) old.remove();
    }
    const node = message(m, labelText);
    const keepUp = atBottom() || m.sender === "resident";
    shown.set(m.id, node);
    const later = [...shown.entries()].filter(([id]) => id > m.id).map(([, n]) => n);
    // Before the first later message; else before what still waits to be sent.
    const before = later.sort((a, b) => a.dataset.id - b.dataset.id)[0] ||
      log.querySelector(".vw-pending");
    log.insertBefore(node, before || null);
    if (m.sender !== "resident") typing.hidden = !sending;
    if (panel.hidden) {
      if (m.sender !== "resident" && m.id > (saved.seen || 0)) unread.hidden = false;
    } else if (m.id > (saved.seen || 0)) {
      saved.seen = m.id;
      save();
    }
    if ((m.kind === "takeover" || m.kind === "handback") && m.id > turn) {
      turn = m.id;
      person = m.kind === "takeover" && m.staff_name ? { name: m.staff_name, role: m.staff_role } : null;
      heading();
    }
    activeButtons();
    if (keepUp) reveal(node);
  }

  function message(m, labelText) {
    const node = el("div", "vw-msg vw-from-" + m.sender);
    node.dataset.id = m.id;
    if (m.kind) node.dataset.kind = m.kind;
    const who = m.sender === "staff" && m.staff_name && S.staff_who
      ? fill(S.staff_who, { name: m.staff_name, role: roleName(m.staff_role) })
      : { resident: S.you, bot: S.assistant, staff: S.staff }[m.sender];
    node.append(el("p", m.sender === "staff" ? "vw-who" : "vw-who vw-sr", who));
    const text = m.text || labelText;
    if (m.kind === "crisis") {
      node.classList.add("vw-crisis");
      if (text) node.append(callable(text));
    } else if (text) node.append(el("p", "vw-text", text));
    if (m.cards?.length) {
      // Its buttons stay in view below the cards while it is read (see room()).
      node.classList.add("vw-has-cards");
      const list = el("ul", "vw-cards");
      m.cards.forEach((c) => list.append(card(c)));
      node.append(list);
    }
    if (m.ticket) {
      const ticket = el("p", "vw-ticket");
      ticket.append(el("span", null, S.reference + ": "), el("strong", null, m.ticket.reference));
      node.append(ticket);
    }
    if (m.buttons?.length) {
      const group = el("div", "vw-buttons");
      group.setAttribute("role", "group");
      for (const b of m.buttons) {
        const button = el("button", "vw-choice", b.label);
        button.type = "button";
        if (b.payload.startsWith("lang:")) button.lang = b.payload.slice(5);
        button.addEventListener("click", () => choose(b, m.id));
        group.append(button);
      }
      node.append(group);
    }
    if (!text && !m.cards?.length && !m.ticket && !m.buttons?.length) node.hidden = true;
    return node;
  }

  // -- who the resident talks to: the assistant, or who took over ------------------------
  let turn = 0; // id of the latest take-over or hand-back notice shown
  let person = null; // { name, role } while a person holds the conversation
  const roleName = (role) => S["role_" + role] || S.role_staff || "";
  function heading() {
    const named = person && S.with_person;
    subtitle.textContent = named
      ? fill(S.with_person, { name: person.name, role: roleName(person.role) })
      : S.subtitle;
    panel.classList.toggle("vw-with-person", !!named);
  }
  function noPerson() {
    turn = 0;
    person = null;
    heading();
  }

  // A crisis reply: its phone numbers become links that call (tel:), big enough to tap.
  const PHONE = /(\+31[\d -]{8,12}\d|\b0\d{2,3}[- ]?\d{2,4}[ -]?\d{2}[ -]?\d{2}\b|\b0800-\d{4}\b|\b14 ?\d{3,4}\b|\b11[23]\b(?!\.\w))/g;
  function callable(text) {
    const p = el("p", "vw-text");
    let at = 0;
    for (const match of text.matchAll(PHONE)) {
      p.append(text.slice(at, match.index));
      const a = el("a", "vw-call", match[0]);
      a.href = "tel:" + match[0].replace(/[^\d+]/g, "");
      p.append(a);
      at = match.index + match[0].length;
    }
    p.append(text.slice(at));
    return p;
  }

  // A provision, compact: its name, one line on what it is, cost and phone on one line.
  // The rest opens under "More information" (a native <details>: a button for the keyboard
  // and screen readers, nothing to script), so that three cards still fit on a phone.
  function card(c) {
    const item = el("li", "vw-card");
    item.append(el("h3", "vw-card-name", c.name));
    if (c.summary) item.append(el("p", "vw-card-summary", c.summary));
    const link = (href, text, external) => {
      const a = el("a", null, text);
      a.href = href;
      if (external) {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.append(el("span", "vw-sr", " (" + S.new_window + ")"));
      }
      return a;
    };
    // Cost and phone: labelled for screen readers, for the eye the number says it all.
    const key = el("p", "vw-card-key");
    if (c.cost) key.append(el("span", "vw-sr", S.cost + ": "), el("span", null, c.cost));
    if (c.cost && c.phone) {
      const dot = el("span", "vw-dot", " · ");
      dot.setAttribute("aria-hidden", "true");
      key.append(dot);
    }
    if (c.phone) {
      const phone = link("tel:" + c.phone.replace(/[^\d+]/g, ""), c.phone);
      phone.className = "vw-card-phone";
      key.append(el("span", "vw-sr", S.phone + ": "), phone);
    }
    if (key.childNodes.length) item.append(key);

    const body = el("div", "vw-more-body");
    for (const line of (c.description || "").split("\n")) {
      if (line.trim()) body.append(el("p", "vw-card-text", line.trim()));
    }
    const facts = el("dl");
    const fact = (name, value) => {
      if (!value || (Array.isArray(value) && !value.length)) return;
      const dd = el("dd");
      if (Array.isArray(value)) value.forEach((v) => dd.append(el("span", "vw-line", v)));
      else if (value instanceof Node) dd.append(value);
      else dd.textContent = value;
      facts.append(el("dt", null, name), dd);
    };
    fact(S.for_whom, c.audience);
    fact(S.cost, c.cost_note);
    fact(S.opening, c.opening);
    fact(S.apply, c.how_to_apply);
    fact(S.address, c.address);
    if (c.email) fact(S.email, link("mailto:" + c.email, c.email));
    // Only web addresses become links (never javascript: or data:).
    if (/^https?:\/\//i.test(c.website || "")) fact(S.website, link(c.website, c.website.replace(/^https?:\/\/(www\.)?/i, ""), true));
    if (facts.childNodes.length) body.append(facts);
    if (body.childNodes.length) {
      const more = el("details", "vw-more");
      // (A configuration cached before this string existed lacks it.)
      const summary = el("summary", "vw-more-toggle", S.more || "…");
      // Said with the provision's name: three cards have three of these.
      summary.append(el("span", "vw-sr", ": " + c.name));
      more.append(summary, body);
      item.append(more);
    }
    return item;
  }

  function choose(button, messageId) {
    input.focus(); // the buttons go away once the resident has answered
    if (button.payload.startsWith("lang:")) switchLanguage(button.payload.slice(5), true);
    send("", button.payload, button.label, messageId);
  }

  // Only the choices offered since the resident last said something can be pressed, and
  // none from before a volunteer took over (the server refuses those too).
  function activeButtons() {
    let answered = false;
    const nodes = log.querySelectorAll(".vw-msg");
    for (let i = nodes.length - 1; i >= 0; i--) {
      const group = nodes[i].querySelector(".vw-buttons");
      if (group) group.hidden = answered;
      if (nodes[i].classList.contains("vw-from-resident")) answered = true;
      if (nodes[i].dataset.kind === "takeover") answered = true;
    }
    room();
  }

  // A reply with cards is read from its start (reveal), and is often taller than the log
  // on a phone: its buttons stick to the bottom of the log while the reply is in view
  // (CSS position: sticky), so the choices are seen without scrolling past the cards and
  // still come after them for screen readers and the keyboard. What gets focus (a card's
  // "More information", a link) is scrolled clear of them: the log's scroll-padding is
  // their height.
  let bar = null;
  const barSize = "ResizeObserver" in window ? new ResizeObserver(() => room()) : null;
  function room() {
    const active = [...log.querySelectorAll(".vw-has-cards > .vw-buttons")].filter(
      (group) => !group.hidden
    ).pop() || null;
    if (active !== bar) {
      if (bar) barSize?.unobserve(bar);
      bar = active;
      if (bar) barSize?.observe(bar);
    }
    log.style.scrollPaddingBottom = bar ? bar.offsetHeight + "px" : "";
  }

  function showPending(item) {
    const node = el("div", "vw-msg vw-from-resident vw-pending");
    node.dataset.cid = item.cid;
    node.append(el("p", "vw-who vw-sr", S.you), el("p", "vw-text", item.text || item.label));
    log.append(node);
    activeButtons();
  }
  const pendingNode = (cid) => log.querySelector(`[data-cid="${cid}"]`);

  function describePending(node) {
    if (!node.classList.contains("vw-waiting")) return;
    note(node, S.waiting);
    let retry = node.querySelector(".vw-retry");
    if (!retry) {
      retry = el("button", "vw-retry");
      retry.type = "button";
      retry.addEventListener("click", retryNow);
      node.append(retry);
    }
    retry.textContent = S.retry;
  }
  function note(node, text) {
    let p = node.querySelector(".vw-note");
    if (!p) node.append((p = el("p", "vw-note")));
    p.textContent = text;
  }

  function ended() {
    if (!saved.id) return;
    isEnded = true;
    stopStream();
    unremember();
    Object.assign(saved, { id: null, token: null, seen: 0 });
    save();
    noPerson();
    keepNote.textContent = "";
    deletable();
    cursor = 0;
    const notice = el("div", "vw-msg vw-ended");
    const again = el("button", "vw-choice", S.restart);
    again.type = "button";
    again.addEventListener("click", () => {
      for (const node of log.querySelectorAll(".vw-msg:not(.vw-pending)")) node.remove();
      shown.clear();
      isEnded = false;
      input.focus();
      start();
    });
    notice.append(el("p", "vw-text", S.ended), again);
    log.append(notice);
    scrollDown();
  }

  // -- deleting the conversation (the resident's right to erasure) -------------------------
  // The server deletes it for good (DELETE /conversations/{id}), after a confirm step in
  // the panel itself: window.confirm could not be translated or styled with the widget.
  let isDeleted = false; // deleted here: nothing starts by itself until the resident acts
  let deleting = false;
  const foot = el("div", "vw-foot");
  const deleteButton = el("button", "vw-delete");
  deleteButton.type = "button";
  deleteButton.hidden = true;
  const confirmBox = el("div", "vw-confirm");
  confirmBox.hidden = true;
  confirmBox.setAttribute("role", "group");
  confirmBox.setAttribute("aria-labelledby", "vw-confirm-question");
  const confirmQuestion = el("p", "vw-confirm-question");
  confirmQuestion.id = "vw-confirm-question";
  const confirmYes = el("button", "vw-confirm-yes");
  confirmYes.type = "button";
  const confirmNo = el("button", "vw-choice vw-confirm-no");
  confirmNo.type = "button";
  const confirmActions = el("div", "vw-buttons");
  confirmActions.append(confirmYes, confirmNo);
  const deleteFailed = el("p", "vw-note vw-delete-failed");
  deleteFailed.setAttribute("role", "alert");
  deleteFailed.hidden = true;
  confirmBox.append(confirmQuestion, confirmActions, deleteFailed);
  // Remember on this device: only when asked, with a plain way back.
  const keep = el("div", "vw-keep");
  const keepNote = el("p", "vw-keep-note");
  keepNote.setAttribute("role", "status");
  const rememberButton = el("button", "vw-remember");
  rememberButton.type = "button";
  const forgetButton = el("button", "vw-forget");
  forgetButton.type = "button";
  keep.append(keepNote, rememberButton, forgetButton);
  // Going on on another device: a code to type there, or a link by e-mail; and here, a
  // place to type a code from elsewhere.
  const moving = el("div", "vw-resume");
  const otherDevice = el("button", "vw-other-device");
  otherDevice.type = "button";
  const haveCode = el("button", "vw-have-code");
  haveCode.type = "button";
  const codeBox = el("div", "vw-code-box");
  codeBox.hidden = true;
  codeBox.setAttribute("role", "group");
  codeBox.setAttribute("aria-labelledby", "vw-code-intro");
  const codeIntro = el("p", "vw-code-intro");
  codeIntro.id = "vw-code-intro";
  const codeShown = el("p", "vw-code");
  const sendLink = el("button", "vw-choice vw-send-link");
  sendLink.type = "button";
  sendLink.hidden = true;
  const codeNote = el("p", "vw-note vw-code-note");
  codeNote.setAttribute("role", "status");
  codeBox.append(codeIntro, codeShown, sendLink, codeNote);
  const codeForm = el("form", "vw-code-form");
  codeForm.hidden = true;
  const codeLabel = el("label", "vw-code-label");
  codeLabel.htmlFor = "vw-code-input";
  const codeInput = el("input", "vw-code-input");
  codeInput.id = "vw-code-input";
  codeInput.autocomplete = "off";
  codeInput.setAttribute("autocapitalize", "characters");
  codeInput.spellcheck = false;
  codeInput.maxLength = 40;
  const codeGo = el("button", "vw-choice vw-code-go");
  codeGo.type = "submit";
  const codeError = el("p", "vw-note vw-code-error");
  codeError.setAttribute("role", "alert");
  codeForm.append(codeLabel, codeInput, codeGo, codeError);
  moving.append(otherDevice, haveCode, codeBox, codeForm);
  foot.append(deleteButton, keep, moving, confirmBox);
  panel.append(foot);

  function resumeTexts() {
    otherDevice.textContent = S.other_device || "";
    haveCode.textContent = S.have_code || "";
    codeLabel.textContent = S.code_label || "";
    codeGo.textContent = S.code_go || "";
  }
  function resumable() {
    moving.hidden = !S.other_device;
    otherDevice.hidden = !saved.id || !codeBox.hidden;
    haveCode.hidden = !codeForm.hidden;
  }
  const localTime = (iso) =>
    new Date(iso).toLocaleString(config.locale, {
      day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
    });
  let codeEmail = null;
  async function askCode(sendEmail) {
    if (!saved.id) return;
    codeNote.textContent = "";
    let res = null;
    try {
      res = await call("POST", `/conversations/${saved.id}/resume-code`, { send_email: sendEmail });
    } catch (e) {
      /* no connection: said below */
    }
    if (res && gone(res.status)) return ended();
    if (!res || !res.ok) {
      codeNote.textContent = S.code_failed;
      return;
    }
    const body = await res.json();
    codeEmail = body.email;
    codeIntro.textContent = fill(S.code_intro, { time: localTime(body.expires_at) });
    codeShown.textContent = body.code;
    sendLink.textContent = fill(S.code_email, { email: body.email || "" });
    sendLink.hidden = !body.email || body.sent;
    if (body.sent) codeNote.textContent = fill(S.code_sent, { email: body.email });
    codeBox.hidden = false;
    resumable();
    if (!sendEmail) codeShown.setAttribute("tabindex", "-1"), codeShown.focus();
  }
  otherDevice.addEventListener("click", () => askCode(false));
  codeInput.addEventListener("input", () => (codeError.textContent = ""));
  sendLink.addEventListener("click", () => askCode(true));
  haveCode.addEventListener("click", () => {
    codeForm.hidden = false;
    codeError.textContent = "";
    resumable();
    codeInput.focus();
  });
  codeForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const code = codeInput.value.trim();
    if (!code) return codeInput.focus();
    codeGo.disabled = true;
    const problem = await useCode(code);
    codeGo.disabled = false;
    if (problem) {
      codeError.textContent = problem;
      codeInput.focus();
      return;
    }
    codeInput.value = "";
    codeForm.hidden = true;
    resumable();
    input.focus();
  });

  // A code from another device (typed, or from a mailed link): this device takes over the
  // conversation with a new token; messages typed here and not yet sent go with it.
  async function useCode(code) {
    let res;
    try {
      res = await fetch(API + "/resume", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code }),
        cache: "no-store",
      });
    } catch (e) {
      return S.code_failed;
    }
    if (res.status === 404 || res.status === 422) return S.code_wrong;
    if (res.status === 429) return S.code_wait;
    if (!res.ok) return S.code_failed;
    const body = await res.json();
    stopStream();
    clearTimeout(retryTimer);
    Object.assign(saved, {
      id: body.id, token: body.token, seen: 0, pending: saved.pending.filter((p) => !p.sent),
    });
    save();
    isEnded = false;
    clearDeleted();
    noPerson();
    cursor = 0;
    shown.clear();
    for (const node of log.querySelectorAll(".vw-msg:not(.vw-pending)")) node.remove();
    codeBox.hidden = true;
    if (body.locale !== config.locale) {
      const fresh = await loadConfig(body.locale);
      if (fresh) {
        saved.locale = body.locale;
        save();
        applyConfig(fresh);
      }
    }
    deletable();
    restore();
    return null;
  }

  function keepTexts() {
    rememberButton.textContent = S.remember || "";
    forgetButton.textContent = S.forget || "";
    if (keepNote.textContent || (saved.remember && saved.id)) {
      keepNote.textContent = (saved.remember ? S.remembered : S.forgotten) || "";
    }
  }
  function keepable() {
    keep.hidden = !saved.id || !S.remember;
    rememberButton.hidden = !!saved.remember;
    forgetButton.hidden = !saved.remember;
    keepNote.hidden = !keepNote.textContent;
  }
  rememberButton.addEventListener("click", () => {
    saved.remember = true;
    save();
    keepNote.textContent = S.remembered;
    keepable();
    forgetButton.focus();
  });
  forgetButton.addEventListener("click", () => {
    unremember();
    save();
    keepNote.textContent = S.forgotten;
    keepable();
    rememberButton.focus();
  });

  function deleteTexts() {
    deleteButton.textContent = S.delete;
    confirmQuestion.textContent = S.delete_question;
    confirmYes.textContent = S.delete_yes;
    confirmNo.textContent = S.delete_no;
    deleteFailed.textContent = S.delete_failed;
  }
  function deletable() {
    deleteButton.hidden = !saved.id || !confirmBox.hidden;
    keepable();
    resumable();
  }
  function askDelete() {
    deleteFailed.hidden = true;
    confirmBox.hidden = false;
    deletable();
    confirmNo.focus(); // the safe choice first; the group's label is the question
  }
  function keepConversation() {
    confirmBox.hidden = true;
    deletable();
    if (!deleteButton.hidden) deleteButton.focus();
  }
  async function deleteConversation() {
    const id = saved.id;
    if (!id || deleting) return;
    deleting = true;
    confirmBox.setAttribute("aria-busy", "true");
    let res = null;
    try {
      res = await call("DELETE", "/conversations/" + encodeURIComponent(id));
    } catch (e) {
      /* no connection: said below */
    }
    deleting = false;
    confirmBox.removeAttribute("aria-busy");
    // 404: it was gone already (its retention period ended): deleted all the same.
    if (res && (res.ok || res.status === 404)) return deletedHere();
    deleteFailed.hidden = false;
  }
  function deletedHere() {
    isDeleted = true;
    isEnded = false;
    stopStream();
    clearTimeout(retryTimer);
    Object.assign(saved, { id: null, token: null, pending: [], labels: {}, seen: 0 });
    unremember();
    try {
      sessionStorage.removeItem(KEY);
    } catch (e) {
      /* storage blocked: nothing was kept there */
    }
    noPerson();
    keepNote.textContent = "";
    cursor = 0;
    shown.clear();
    for (const node of log.querySelectorAll(".vw-msg")) node.remove();
    typing.hidden = true;
    confirmBox.hidden = true;
    deletable();
    const notice = el("div", "vw-msg vw-ended vw-deleted");
    const again = el("button", "vw-choice", S.restart);
    again.type = "button";
    again.addEventListener("click", () => {
      clearDeleted();
      input.focus();
      start();
    });
    notice.append(el("p", "vw-text", S.deleted), again);
    log.append(notice);
    again.focus();
  }
  function clearDeleted() {
    isDeleted = false;
    for (const node of log.querySelectorAll(".vw-deleted")) node.remove();
  }
  deleteButton.addEventListener("click", askDelete);
  confirmYes.addEventListener("click", deleteConversation);
  confirmNo.addEventListener("click", keepConversation);
  confirmBox.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      // Escape takes back the question, not the whole panel.
      e.preventDefault();
      e.stopPropagation();
      keepConversation();
    }
  });

  function connection(up) {
    if (up) outageBox.hidden = true;
    // While the server's own notice shows, the connection itself is fine.
    const offline = !up && outageBox.hidden;
    status.textContent = offline ? S.offline || "" : "";
    status.hidden = !offline;
  }

  // A 503 of the chat API: show its notice (sorry, and the crisis numbers). The message
  // stays queued and is sent again by itself, with the same client_id.
  async function outage(res) {
    const body = await res.clone().json().catch(() => null);
    const notice = body?.error?.resident;
    if (!notice?.text) return;
    // Set only when it changes: a screen reader hears the alert once, not at every retry.
    if (outageText.textContent !== notice.text) outageText.textContent = notice.text;
    if (outageCrisis.textContent !== notice.crisis) outageCrisis.textContent = notice.crisis;
    outageBox.lang = notice.locale;
    outageBox.hidden = false;
  }

  const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }
  // Scroll a new message into view, but never past its start: a long answer with cards
  // is read from the top.
  function reveal(node) {
    const view = log.getBoundingClientRect();
    const box = node.getBoundingClientRect();
    if (box.bottom > view.bottom) {
      log.scrollTop += Math.min(box.bottom - view.bottom + 8, box.top - view.top - 8);
    }
  }

  // -- events -------------------------------------------------------------------------------
  launcher.addEventListener("click", () => open());
  closeButton.addEventListener("click", close);
  langButton.addEventListener("click", () => switchLanguage(langButton.dataset.locale, false));
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    if (tooLong()) {
      checkLength();
      input.focus();
      return;
    }
    input.value = "";
    send(text);
  });
  input.addEventListener("input", checkLength);
  input.addEventListener("keydown", (e) => {
    // Enter sends, Shift+Enter starts a new line.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  addEventListener("online", () => {
    connection(true);
    retryNow();
  });
  addEventListener("offline", () => {
    connection(false);
    stopStream();
  });

  // -- start-up -------------------------------------------------------------------------------
  async function boot() {
    const pageLocale = (document.documentElement.lang || "").slice(0, 2);
    const locale = saved.locale || opt.locale || pageLocale || "";
    let fresh = await loadConfig(locale);
    while (!fresh) {
      await sleep(5000);
      fresh = await loadConfig(locale);
    }
    applyConfig(fresh);
    for (const item of saved.pending) {
      showPending(item);
      if (item.sent) pendingNode(item.cid).classList.remove("vw-pending");
    }
    document.body.append(host);
    const linked = /(?:^#|&)vw-code=([0-9A-Za-z-]{1,40})/.exec(location.hash);
    if (linked) {
      // The code leaves the address bar (and the history) before anything else happens.
      history.replaceState(null, "", location.pathname + location.search);
      resuming = true;
      open(false);
      const problem = await useCode(linked[1]);
      resuming = false;
      if (problem) {
        codeForm.hidden = false;
        codeError.textContent = problem;
        resumable();
        if (!saved.id) start();
        else restore();
      }
      deletable();
      return;
    }
    if (saved.open) open(false);
    if (saved.id) restore();
    deletable();
  }
  sheet.addEventListener("load", () => (ui.hidden = false));
  sheet.addEventListener("error", () => (ui.hidden = false));
  if (document.body) boot();
  else addEventListener("DOMContentLoaded", boot);
})();
