// qreview's live preview: the audience page (every slide, or one at a time full screen)
// and the presenter page (current and next slide, notes, time). Both follow the server
// through server-sent events and each other through a BroadcastChannel. Every text from
// the review is set with textContent: nothing a team writes becomes markup.
"use strict";

const view = document.body.dataset.view;
const channel = "BroadcastChannel" in window ? new BroadcastChannel("qreview-preview") : null;
const stored = (key, fallback) => sessionStorage.getItem("qreview-" + key) ?? fallback;
const store = (key, value) => sessionStorage.setItem("qreview-" + key, String(value));

let slides = [];
let current = Number(stored("slide", 0)) || 0;
let full = stored("full", "0") === "1";
const $ = (id) => document.getElementById(id);

function status(text) {
  const element = $("status");
  if (element) element.textContent = text;
}

function picture(index) {
  return "/slides/" + index + ".svg?v=" + slides[index].hash;
}

function showProblems(problems) {
  const overlay = $("overlay");
  const list = $("problems");
  list.replaceChildren();
  for (const problem of problems) {
    const item = document.createElement("li");
    if (problem.file) {
      const place = document.createElement("span");
      place.className = "place";
      place.textContent = problem.file + (problem.line ? ":" + problem.line + ":" + problem.column : "");
      item.append(place);
    }
    const message = document.createElement("span");
    message.className = "message";
    message.textContent = problem.message;
    item.append(message);
    for (const text of problem.hints) {
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = "hint: " + text;
      item.append(hint);
    }
    list.append(item);
  }
  overlay.hidden = problems.length === 0;
}

// ------------------------------------------------------------------ audience view

function renderAudience(changed) {
  const main = $("slides");
  const figures = main.children;
  slides.forEach((slide, index) => {
    let figure = figures[index];
    if (!figure) {
      figure = document.createElement("figure");
      figure.className = "slide";
      figure.id = "slide-" + (index + 1);
      const img = document.createElement("img");
      img.alt = "slide " + (index + 1);
      figure.append(img);
      figure.addEventListener("click", () => go(index, false));
      main.append(figure);
    }
    const img = figure.firstChild;
    if (img.dataset.hash !== slide.hash) {
      img.dataset.hash = slide.hash;
      load(img, picture(index));
    }
  });
  while (figures.length > slides.length) main.lastChild.remove();
  // After an edit, show where it changed; else stay on the slide being looked at.
  go(changed ?? current, true);
}

// Pictures are fetched one after another, over one connection, rather than all at once:
// the server's connection pool (tiny_http's) can leave a request of a burst waiting
// behind connections the browser keeps open. A picture still not there after a moment
// is asked for again.
const pending = [];
let loading = false;

function load(img, url) {
  pending.push([img, url]);
  if (!loading) next();
}

function next() {
  const item = pending.shift();
  if (!item) {
    loading = false;
    return;
  }
  loading = true;
  const [img, url] = item;
  let tries = 0;
  let timer = null;
  const done = () => {
    clearTimeout(timer);
    img.onload = img.onerror = null;
    next();
  };
  const ask = () => {
    tries += 1;
    img.src = tries === 1 ? url : url + "&try=" + tries;
    timer = setTimeout(() => (tries < 5 ? ask() : done()), 1500);
  };
  img.onload = img.onerror = done;
  ask();
}

function markCurrent() {
  [...$("slides").children].forEach((figure, index) => figure.classList.toggle("current", index === current));
  $("position").textContent = slides.length ? "slide " + (current + 1) + " of " + slides.length : "no slides";
  document.body.classList.toggle("full", full);
}

function go(index, scroll) {
  if (!slides.length) return markCurrent();
  current = Math.max(0, Math.min(slides.length - 1, index));
  store("slide", current);
  markCurrent();
  if (scroll && !full) $("slides").children[current].scrollIntoView({ block: "start" });
  if (channel) channel.postMessage({ slide: current });
}

function setFull(on) {
  full = on;
  store("full", on ? "1" : "0");
  markCurrent();
  if (!on) go(current, true);
}

// The slide most of whose height is on screen, while scrolling through the list.
function trackScroll() {
  if (full) return;
  const figures = [...$("slides").children];
  const middle = window.innerHeight / 3;
  const seen = figures.findIndex((figure) => figure.getBoundingClientRect().bottom > middle);
  if (seen >= 0 && seen !== current) {
    current = seen;
    store("slide", current);
    markCurrent();
    if (channel) channel.postMessage({ slide: current });
  }
}

// ------------------------------------------------------------------ presenter view

const started = Date.now();
let timerStart = started;

function renderPresenter() {
  if (!slides.length) return;
  current = Math.max(0, Math.min(slides.length - 1, current));
  $("current-slide").src = picture(current);
  $("current-slide").dataset.index = String(current);
  const next = current + 1 < slides.length;
  $("next-slide").hidden = !next;
  $("last").hidden = next;
  if (next) $("next-slide").src = picture(current + 1);
  const notes = slides[current].notes_rich;
  if (notes) $("notes").replaceChildren(...notes.map(block));
  else $("notes").textContent = "No notes for this slide.";
  $("notes").classList.toggle("none", notes == null);
  $("position").textContent = "slide " + (current + 1) + " of " + slides.length;
}

// Rich text (docs/layout.md) as elements; every text through textContent, and links
// only to web and mail addresses.
function block(rich) {
  if (rich.kind === "bullets") {
    const list = document.createElement("ul");
    for (const item of rich.items) {
      const entry = document.createElement("li");
      entry.append(...item.map(inline));
      list.append(entry);
    }
    return list;
  }
  const paragraph = document.createElement("p");
  rich.lines.forEach((line, index) => {
    if (index > 0) paragraph.append(document.createElement("br"));
    paragraph.append(...line.map(inline));
  });
  return paragraph;
}

function inline(item) {
  const tags = { strong: "strong", emph: "em", strike: "s", code: "code", link: "a" };
  if (item.kind === "text") return document.createTextNode(item.text);
  const element = document.createElement(tags[item.kind] ?? "span");
  if (item.kind === "code") element.textContent = item.text;
  else element.append(...(item.body ?? []).map(inline));
  if (item.kind === "link" && /^(https?:|mailto:)/i.test(item.url)) {
    element.href = item.url;
    element.target = "_blank";
    element.rel = "noopener noreferrer";
  }
  return element;
}

function tick() {
  const seconds = Math.floor((Date.now() - timerStart) / 1000);
  const two = (n) => String(n).padStart(2, "0");
  $("timer").textContent = two(Math.floor(seconds / 60)) + ":" + two(seconds % 60);
}

// ------------------------------------------------------------------ both

async function refresh() {
  let state;
  try {
    const response = await fetch("/state.json", { cache: "no-store" });
    state = await response.json();
  } catch (error) {
    status("cannot reach qreview: is it still running?");
    return;
  }
  const before = slides;
  slides = state.slides;
  document.title = (state.title ? state.title + " · " : "") + (view === "presenter" ? "qreview presenter" : "qreview preview");
  $("title").textContent = state.title || "qreview";
  let changed = null;
  if (before.length) {
    const first = slides.findIndex((slide, index) => !before[index] || before[index].hash !== slide.hash);
    if (first >= 0) changed = first;
  }
  if (view === "presenter") renderPresenter();
  else renderAudience(changed);
  showProblems(state.problems);
  document.body.dataset.version = String(state.version);
  status(state.problems.length ? "the last save has a problem" : "up to date");
}

function keys(event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const forward = ["ArrowRight", "ArrowDown", "PageDown", " "];
  const back = ["ArrowLeft", "ArrowUp", "PageUp"];
  const listScrolls = view === "audience" && !full && ["ArrowDown", "ArrowUp", "PageDown", "PageUp", " "].includes(event.key);
  let target = null;
  if (forward.includes(event.key) && !listScrolls) target = current + 1;
  else if (back.includes(event.key) && !listScrolls) target = current - 1;
  else if (event.key === "Home") target = 0;
  else if (event.key === "End") target = slides.length - 1;
  else if (view === "audience" && (event.key === "f" || event.key === "F")) return setFull(!full);
  else if (view === "audience" && event.key === "Escape" && full) return setFull(false);
  else if (view === "audience" && (event.key === "p" || event.key === "P")) return openPresenter();
  if (target === null) return;
  event.preventDefault();
  if (view === "presenter") {
    current = Math.max(0, Math.min(slides.length - 1, target));
    store("slide", current);
    renderPresenter();
    if (channel) channel.postMessage({ slide: current });
  } else {
    go(target, true);
  }
}

function openPresenter() {
  window.open("/presenter", "qreview-presenter", "width=1200,height=800");
}

if (channel) {
  channel.onmessage = (event) => {
    if (typeof event.data?.slide !== "number") return;
    current = event.data.slide;
    store("slide", current);
    if (view === "presenter") renderPresenter();
    else go(current, true);
  };
}

document.addEventListener("keydown", keys);
if (view === "audience") {
  $("full").addEventListener("click", () => setFull(true));
  $("open-presenter").addEventListener("click", openPresenter);
  window.addEventListener("scroll", trackScroll, { passive: true });
} else {
  $("reset-timer").addEventListener("click", () => { timerStart = Date.now(); tick(); });
  setInterval(tick, 1000);
}

const events = new EventSource("/events");
events.addEventListener("update", refresh);
events.onerror = () => status("reconnecting to qreview …");
