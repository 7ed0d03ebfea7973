// The neurofm page: model zoo cards from /v1/models, and "try a recording" (preview plot from
// /v1/recordings/preview, embedding from /v1/embeddings/file). No framework, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const KEY_STORE = "neurofm.apiKey";
let models = [];

function headers() {
  const key = $("api-key").value.trim();
  return key ? { Authorization: "Bearer " + key } : {};
}

// A failed call becomes an Error carrying the problem+json detail (or the status line).
async function call(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...headers(), ...(options.headers || {}) } });
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!response.ok) {
    const detail = body && (body.detail || body.title || body.error) || text || response.statusText;
    const error = new Error(response.status + ": " + detail);
    error.status = response.status;
    throw error;
  }
  return body;
}

function setStatus(element, message, isError) {
  element.textContent = message;
  element.classList.toggle("error", !!isError);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child != null) node.append(child);
  }
  return node;
}

// /v1/models entries (snake_case): id, family, size, versions, latest_version, description (the
// artifact's card) and, for models this server has loaded, serving (rate, window, poolings, ...).
// Fields absent from an entry are left off its card rather than shown empty.
function modelId(m) { return m.id; }
function served(m) { return m.serving || null; }

function card(m) {
  const s = served(m) || {};
  const c = m.description || {};
  const rows = [];
  const add = (label, value) => { if (value !== undefined && value !== null && value !== "") rows.push([label, value]); };
  add("versions", Array.isArray(m.versions) ? m.versions.join(", ") : undefined);
  add("serving", s.version ? "version " + s.version : "not loaded on this server");
  add("rate", s.sampling_rate != null ? s.sampling_rate + " Hz" : undefined);
  if (s.window_samples != null && s.sampling_rate) {
    add("window", s.window_samples + " samples (" + (s.window_samples / s.sampling_rate).toFixed(2) + " s)");
  }
  add("channels", Array.isArray(s.channels) ? (s.channels.length ? s.channels.length + " named" : "any EEG") : undefined);
  if (s.dimensions) {
    add("poolings", (s.poolings || Object.keys(s.dimensions))
      .map((p) => p + (s.dimensions[p] > 0 ? " (" + s.dimensions[p] + ")" : "")).join(", "));
  }
  add("heads", Array.isArray(s.heads) && s.heads.length
    ? s.heads.map((h) => h.name + (h.classes ? " [" + h.classes.join(", ") + "]" : "")).join("; ") : undefined);
  add("data", c.data);
  add("intended use", c.intended_use);
  add("limits", c.limits);
  if (c.metrics && Object.keys(c.metrics).length) {
    add("metrics", Object.entries(c.metrics).map(([k, v]) => k + " " + Number(v).toPrecision(4)).join(", "));
  }
  add("problem", m.problem);
  const dl = el("dl");
  for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, String(v)));
  const node = el("article", { class: "card", "data-model": modelId(m) },
    el("h3", {}, modelId(m)),
    el("p", { class: "family" }, [m.family, m.size].filter(Boolean).join(" \u00b7 ")),
    c.title ? el("p", { class: "desc" }, el("strong", {}, c.title)) : null,
    c.summary ? el("p", { class: "desc" }, c.summary) : null,
    dl);
  node.addEventListener("click", () => { if (served(m)) selectModel(modelId(m)); });
  return node;
}

function selectModel(id) {
  $("model").value = id;
  onModelChange();
}

function onModelChange() {
  const id = $("model").value;
  for (const c of document.querySelectorAll(".card")) c.classList.toggle("selected", c.dataset.model === id);
  const m = models.find((x) => modelId(x) === id);
  const poolings = (m && served(m) && served(m).poolings) || [];
  $("pooling").replaceChildren(...poolings.map((p) => el("option", { value: p }, p)));
}

async function loadModels() {
  const status = $("zoo-status");
  setStatus(status, "Loading models\u2026");
  try {
    const body = await call("/v1/models");
    models = Array.isArray(body) ? body : (body && (body.data || body.models)) || [];
    $("zoo").replaceChildren(...models.map(card));
    const servable = models.filter(served);
    $("model").replaceChildren(...servable.map((m) => el("option", { value: modelId(m) }, modelId(m))));
    setStatus(status, models.length ? models.length + " model" + (models.length > 1 ? "s" : "") + " registered, "
      + servable.length + " served here" : "No models registered yet: run ./neurofm quickstart");
    if (servable.length) selectModel(modelId(servable[0]));
  } catch (e) {
    setStatus(status, e.status === 401 || e.status === 403
      ? "Enter an API key above to list the models (" + e.message + ")" : "Could not list models: " + e.message, true);
  }
}

// Stacked traces, each scaled to its own range so quiet and loud channels are both visible.
function plotRecording(preview) {
  const canvas = $("plot");
  const rowHeight = 22, left = 90, right = 12, top = 10, bottom = 28;
  const n = preview.channels.length;
  canvas.width = 960;
  canvas.height = top + bottom + rowHeight * n;
  const g = canvas.getContext("2d");
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  const width = canvas.width - left - right;
  const points = preview.data.length ? preview.data[0].length : 0;
  const x = (i) => left + (points > 1 ? (i / (points - 1)) * width : 0);
  g.font = "11px system-ui, sans-serif";
  g.textBaseline = "middle";
  let drawn = 0;
  preview.data.forEach((row, c) => {
    const mid = top + rowHeight * (c + 0.5);
    let mean = 0;
    for (const v of row) mean += v;
    mean /= row.length || 1;
    let range = 0;
    for (const v of row) range = Math.max(range, Math.abs(v - mean));
    const scale = range > 0 ? (rowHeight * 0.48) / range : 0;
    g.fillStyle = "#5b6475";
    g.fillText(preview.channels[c].name, 6, mid);
    g.strokeStyle = c % 2 ? "#2f6fdf" : "#1d2330";
    g.lineWidth = 1;
    g.beginPath();
    row.forEach((v, i) => { const y = mid - (v - mean) * scale; if (i) g.lineTo(x(i), y); else g.moveTo(x(i), y); });
    g.stroke();
    drawn++;
  });
  // Annotations as vertical lines with their labels.
  const t0 = preview.start_seconds, span = preview.seconds;
  g.strokeStyle = "rgba(179, 38, 30, .6)";
  g.fillStyle = "#b3261e";
  for (const a of preview.annotations || []) {
    if (a.onset < t0 || a.onset > t0 + span) continue;
    const ax = left + ((a.onset - t0) / span) * width;
    g.beginPath(); g.moveTo(ax, top); g.lineTo(ax, canvas.height - bottom); g.stroke();
    g.fillText(a.description, ax + 3, top + 6);
  }
  // Time axis: a tick per second (or per 5/10 s on long excerpts).
  g.fillStyle = "#5b6475";
  g.textBaseline = "top";
  const step = span > 30 ? 10 : span > 12 ? 5 : 1;
  for (let s = Math.ceil(t0 / step) * step; s <= t0 + span + 1e-9; s += step) {
    const tx = left + ((s - t0) / span) * width;
    g.fillRect(tx, canvas.height - bottom, 1, 4);
    g.fillText(s + " s", tx - 6, canvas.height - bottom + 6);
  }
  canvas.dataset.channels = String(drawn);
  canvas.dataset.points = String(points);
}

// One row per window, one column per dimension; blue below the row's mean, red above.
function plotEmbedding(rows) {
  const canvas = $("embedding");
  const dims = rows.length ? rows[0].length : 0;
  const cell = Math.max(1, Math.min(12, Math.floor(940 / Math.max(1, dims))));
  const rowHeight = Math.max(2, Math.min(14, Math.floor(360 / Math.max(1, rows.length))));
  canvas.width = Math.max(200, dims * cell + 20);
  canvas.height = rows.length * rowHeight + 20;
  const g = canvas.getContext("2d");
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  let max = 0;
  for (const r of rows) for (const v of r) max = Math.max(max, Math.abs(v));
  rows.forEach((r, w) => r.forEach((v, d) => {
    const t = max > 0 ? v / max : 0;
    const shade = Math.round(255 * (1 - Math.abs(t)));
    g.fillStyle = t >= 0 ? `rgb(255,${shade},${shade})` : `rgb(${shade},${shade},255)`;
    g.fillRect(10 + d * cell, 10 + w * rowHeight, cell, rowHeight);
  }));
  canvas.dataset.windows = String(rows.length);
  canvas.dataset.dimensions = String(dims);
}

async function onFile() {
  const file = $("file").files[0];
  if (!file) return;
  const status = $("status");
  $("recording").hidden = true;
  $("result").hidden = true;
  delete $("plot").dataset.channels;
  delete $("embedding").dataset.windows;
  setStatus(status, "Reading " + file.name + "\u2026");
  const form = new FormData();
  form.append("file", file);
  let preview;
  try {
    preview = await call("/v1/recordings/preview?seconds=10&points=1000", { method: "POST", body: form });
  } catch (e) {
    setStatus(status, "Could not read " + file.name + ": " + e.message, true);
    return;
  }
  $("recording").hidden = false;
  const skipped = preview.skipped.length ? "; " + preview.skipped.length + " channel(s) at other rates not shown" : "";
  const omitted = preview.omitted_channels ? "; " + preview.omitted_channels + " more not shown" : "";
  $("recording-info").textContent = preview.file + " (" + preview.format + "): " + preview.channel_count
    + " channels, " + preview.sampling_rate + " Hz, " + preview.duration_seconds.toFixed(1) + " s; first "
    + preview.seconds.toFixed(1) + " s shown" + skipped + omitted + ".";
  plotRecording(preview);

  const model = $("model").value;
  if (!model) {
    setStatus(status, "Plotted. No model is registered, so nothing to embed.", true);
    return;
  }
  setStatus(status, "Embedding with " + model + "\u2026");
  const embedForm = new FormData();
  embedForm.append("file", file);
  embedForm.append("model", model);
  if ($("pooling").value) embedForm.append("pooling", $("pooling").value);
  try {
    const started = performance.now();
    const body = await call("/v1/embeddings/file", { method: "POST", body: embedForm });
    const rows = (body.data || []).map((d) => d.embedding);
    $("result").hidden = false;
    plotEmbedding(rows);
    const dims = rows.length ? rows[0].length : 0;
    $("embedding-info").textContent = rows.length + " window(s) \u00d7 " + dims + " dimensions from "
      + (body.model || model) + " (" + ($("pooling").value || "default pooling") + ") in "
      + Math.round(performance.now() - started) + " ms";
    $("embedding-values").textContent = rows.length
      ? "window 0: [" + rows[0].slice(0, 8).map((v) => v.toFixed(4)).join(", ") + (dims > 8 ? ", \u2026]" : "]") : "";
    setStatus(status, "Done.");
  } catch (e) {
    setStatus(status, "Could not embed " + file.name + ": " + e.message, true);
  }
}

$("api-key").value = localStorage.getItem(KEY_STORE) || "";
$("api-key").addEventListener("change", () => { localStorage.setItem(KEY_STORE, $("api-key").value.trim()); loadModels(); });
$("model").addEventListener("change", onModelChange);
$("file").addEventListener("change", onFile);
loadModels();
