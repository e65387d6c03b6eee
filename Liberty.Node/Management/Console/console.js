// The Liberty web console: one page, no build step, no library. It talks only to this node's API (the same JSON the
// `liberty` CLI reads) with the token the user signed in with, kept in sessionStorage for this browser session.
'use strict';
(() => {
  const TOKEN_KEY = 'liberty-token';
  const THEME_KEY = 'liberty-theme';
  const ROW = 64; // px per device row; matches --row in console.css
  const LOG_KEEP = 2000;
  const locale = (navigator.language || 'en').split('-')[0];
  const main = document.getElementById('main');
  let node = null; // GET /api/node of the signed-in node
  let leaving = []; // what the current view must stop (streams, timers) when the user goes elsewhere

  // ---- small helpers -------------------------------------------------------------------------------------------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (value === true) el.setAttribute(key, '');
      else el.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }
  // replaceChildren that takes what h takes: nested arrays flattened, null, undefined and false left out.
  function put(el, ...children) {
    el.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
  }
  const text = (texts) => (texts && (texts[locale] || texts.en || Object.values(texts)[0])) || {};
  const q = (value) => encodeURIComponent(value);
  function ago(iso) {
    if (!iso) return 'never';
    const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (seconds < 5) return 'just now';
    if (seconds < 90) return `${seconds} s ago`;
    if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
    if (seconds < 129600) return `${Math.round(seconds / 3600)} h ago`;
    return new Date(iso).toLocaleString();
  }
  function toast(message) {
    const el = document.getElementById('toast');
    el.textContent = message;
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { el.hidden = true; }, 4000);
  }
  function onLeave(stop) { leaving.push(stop); }

  // ---- the API -------------------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.detail ? body.detail : `the node answered ${status}`);
      this.status = status;
      this.kind = body && body.error;
      this.path = body && body.path;
    }
  }
  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  async function api(method, path, body, given) {
    const headers = { Authorization: 'Bearer ' + (given || token()) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, { detail: 'cannot reach the node: ' + e.message });
    }
    const raw = await response.text();
    let json = null;
    try { json = raw ? JSON.parse(raw) : null; } catch { json = { detail: raw }; }
    if (response.status === 401 && !given) {
      signOut('The node refused the token: sign in again.');
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }
  // Server-sent events over fetch (EventSource cannot send the token): calls onEvent(name, data) until the stream ends.
  async function stream(path, onEvent, signal) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' }, signal });
    if (!response.ok) {
      let body = null;
      try { body = await response.json(); } catch { /* not JSON */ }
      throw new ApiError(response.status, body);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) name = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (data.length) onEvent(name, JSON.parse(data.join('\n')));
      }
    }
  }
  function follow(path, onEvent, onEnd) {
    const abort = new AbortController();
    onLeave(() => abort.abort());
    stream(path, onEvent, abort.signal).then(() => onEnd && onEnd(null), (e) => { if (!abort.signal.aborted && onEnd) onEnd(e); });
    return abort;
  }

  // ---- sign in, theme, routing ---------------------------------------------------------------------------------
  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    node = null;
    renderSignIn(message);
  }
  function renderSignIn(message) {
    stopView();
    document.getElementById('tabs').hidden = true;
    document.getElementById('sign-out').hidden = true;
    document.getElementById('node-name').textContent = '';
    const input = h('input', { id: 'token', type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false' });
    const error = h('p', { class: 'form-error', id: 'sign-in-error', role: 'alert' }, message || '');
    const form = h('form', { class: 'card sign-in', onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        const status = await api('GET', '/api/node', undefined, input.value.trim());
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        signedIn(status);
      } catch (err) {
        error.textContent = err.status === 401 ? 'That is not this node\'s token.' : err.message;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    } },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'muted small' }, 'Paste the node\'s token: the file admin.token in its data folder (', h('code', {}, 'cat data/admin.token'), ').'),
    h('div', { class: 'field' }, h('label', { for: 'token' }, 'Token'), input),
    error,
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Sign in')));
    put(main, form);
    input.focus();
  }
  function signedIn(status) {
    node = status;
    document.getElementById('tabs').hidden = false;
    document.getElementById('sign-out').hidden = false;
    document.getElementById('node-name').textContent = `${status.node} · ${status.version}`;
    if (!location.hash || location.hash === '#') location.hash = '#/tasks';
    else route();
  }
  function applyTheme() {
    const theme = localStorage.getItem(THEME_KEY);
    if (theme) document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
  }
  function stopView() {
    for (const stop of leaving) stop();
    leaving = [];
  }
  const routes = [
    [/^#\/tasks$/, (m, view) => renderTasks(view)],
    [/^#\/tasks\/([^/]+)\/(\d+)$/, (m, view) => renderTask(view, decodeURIComponent(m[1]), Number(m[2]))],
    [/^#\/tasks\/([^/]+)\/(\d+)\/edit$/, (m, view) => renderEdit(view, decodeURIComponent(m[1]), Number(m[2]))],
    [/^#\/apps$/, (m, view) => renderApps(view)],
    [/^#\/deploy$/, (m, view) => renderDeploy(view)],
    [/^#\/start\/([^/]+)\/([^/]+)$/, (m, view) => renderStart(view, decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
    [/^#\/devices$/, (m, view) => renderDevices(view)],
    [/^#\/devices\/(\d+)$/, (m, view) => renderDevice(view, Number(m[1]))],
    [/^#\/cluster$/, (m, view) => renderCluster(view)],
  ];
  function route() {
    if (!node) return;
    stopView();
    const hash = location.hash;
    const tab = hash.split('/')[1];
    for (const a of document.querySelectorAll('#tabs a')) {
      a.classList.toggle('active', a.dataset.tab === tab || (tab === 'start' && a.dataset.tab === 'apps') || (tab === 'deploy' && a.dataset.tab === 'apps'));
    }
    for (const [pattern, render] of routes) {
      const match = hash.match(pattern);
      if (match) {
        // Each view renders into its own container: one the user already left is detached, so a late answer of
        // its requests changes nothing on screen.
        const view = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
        put(main, view);
        Promise.resolve(render(match, view)).catch((e) => showFailure(e, view));
        return;
      }
    }
    location.hash = '#/tasks';
  }
  function showFailure(e, view) {
    if (e instanceof ApiError && e.status === 401) return;
    put(view, h('div', { class: 'card' }, h('p', { class: 'form-error', role: 'alert' }, e.message),
      h('button', { type: 'button', onclick: route }, 'Try again')));
  }
  function every(ms, fn) {
    const timer = setInterval(fn, ms);
    onLeave(() => clearInterval(timer));
  }
  const isHere = (nodeName) => !nodeName || nodeName === node.node;
  const on = (nodeName, sep) => (isHere(nodeName) ? '' : `${sep}on=${q(nodeName)}`);

  // ---- tasks -------------------------------------------------------------------------------------------------
  function taskItem(t) {
    const s = t.statistics || {};
    return h('a', { class: 'item', href: `#/tasks/${q(t.node || node.node)}/${t.id}`, 'data-task': t.id },
      h('div', { class: 'row' }, h('span', { class: 'title grow ellipsis' }, t.name), h('span', { class: `badge ${t.state}` }, t.state)),
      h('div', { class: 'sub' }, `#${t.id} · ${t.app} · ${t.function}${t.node ? ' · ' + t.node : ''}`),
      t.reason && t.state !== 'Running' ? h('div', { class: 'sub ellipsis' }, t.reason) : null,
      h('div', { class: 'sub' }, `${s.threads ?? 0} thread${s.threads === 1 ? '' : 's'} · ${s.eventsDropped ?? 0} events dropped · active ${ago(s.lastActivity)}`));
  }
  async function renderTasks(view) {
    const list = h('div', { class: 'list grid', id: 'task-list' });
    const note = h('p', { class: 'muted small' });
    const parts = [h('div', { class: 'row' }, h('h1', { class: 'grow' }, 'Tasks'), h('a', { class: 'button primary', href: '#/apps' }, 'Start a task')), note, list];
    // A task's item is made again only when the task changed, and the list only when its order did: the rows
    // under a finger stay put between refreshes.
    let items = new Map();
    let order = null;
    async function load() {
      const answer = await api('GET', '/api/tasks?on=all');
      const next = new Map();
      for (const t of answer.tasks) {
        const key = `${t.node}/${t.id}`;
        const json = JSON.stringify(t);
        const kept = items.get(key);
        next.set(key, kept && kept.json === json ? kept : { json, el: taskItem(t) });
      }
      const nextOrder = [...next.keys()].join(' ');
      if (nextOrder !== order || [...next].some(([key, item]) => items.get(key) !== item)) {
        put(list, answer.tasks.length ? [...next.values()].map((item) => item.el) : h('p', { class: 'muted' }, 'No tasks yet. Pick an app and one of its functions to start one.'));
      }
      items = next;
      order = nextOrder;
      note.textContent = answer.unanswered.length ? `Did not answer: ${answer.unanswered.join(', ')}` : '';
    }
    await load();
    put(view, ...parts);
    every(3000, () => load().catch(() => {}));
  }

  async function renderTask(view, nodeName, id) {
    const task = await api('GET', `/api/tasks/${id}${on(nodeName, '?')}`);
    const facts = h('dl', { class: 'facts', id: 'task-facts' });
    const actions = h('div', { class: 'actions' });
    const trace = h('pre', { class: 'trace', id: 'traceback', hidden: true });
    let shownState = null; // the buttons are made again only when the state changes
    function show(t) {
      const s = t.statistics || {};
      put(facts,
        h('dt', {}, 'State'), h('dd', {}, h('span', { class: `badge ${t.state}`, id: 'task-state' }, t.state)),
        h('dt', {}, 'Reason'), h('dd', { id: 'task-reason' }, t.reason || '—'),
        h('dt', {}, 'App'), h('dd', {}, `${t.app} · ${t.function}`),
        h('dt', {}, 'Node'), h('dd', {}, nodeName),
        h('dt', {}, 'Threads'), h('dd', {}, String(s.threads ?? 0)),
        h('dt', {}, 'Events dropped'), h('dd', {}, String(s.eventsDropped ?? 0)),
        h('dt', {}, 'Last activity'), h('dd', {}, ago(s.lastActivity)),
        h('dt', {}, 'Lua memory'), h('dd', {}, `${Math.round((s.luaMemoryBytes || 0) / 1024)} KB (peak ${Math.round((s.luaMemoryPeakBytes || 0) / 1024)} KB)`),
        h('dt', {}, 'Arguments'), h('dd', { class: 'mono' }, t.arguments === null || t.arguments === undefined ? '—' : JSON.stringify(t.arguments)));
      trace.hidden = !t.traceback;
      trace.textContent = t.traceback || '';
      if (t.state === shownState) return;
      shownState = t.state;
      const act = (label, verb, cls) => h('button', { type: 'button', class: cls, onclick: () => run(verb) }, label);
      put(actions,
        t.state === 'Running' ? act('Stop', 'stop') : null,
        t.state === 'Disabled' || t.state === 'Stopped' ? act('Start', 'resume', 'primary') : null,
        t.state === 'Error' ? act('Reset', 'reset') : null,
        h('a', { class: 'button', href: `#/tasks/${q(nodeName)}/${t.id}/edit` }, 'Edit arguments'),
        h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete'));
    }
    async function refresh() { show(await api('GET', `/api/tasks/${id}${on(nodeName, '?')}`)); }
    async function run(verb) {
      try {
        show(await api('POST', `/api/tasks/${id}/${verb}${on(nodeName, '?')}`, {}));
        if (verb === 'resume') startLog();
      } catch (e) { toast(e.message); }
    }
    async function remove() {
      if (!confirm(`Delete task ${task.name}? Its data goes with it.`)) return;
      try {
        await api('DELETE', `/api/tasks/${id}${on(nodeName, '?')}`);
        toast(`Task ${task.name} deleted.`);
        location.hash = '#/tasks';
      } catch (e) { toast(e.message); }
    }
    show(task);

    // The live log: follow (scroll to the newest line), pause (keep lines aside), filter.
    const log = h('div', { class: 'log', id: 'log', role: 'log', 'aria-live': 'off' });
    const filter = h('input', { type: 'search', placeholder: 'Filter lines', id: 'log-filter', 'aria-label': 'Filter the log' });
    const pause = h('button', { type: 'button', id: 'log-pause', 'aria-pressed': 'false' }, 'Pause');
    const followBox = h('input', { type: 'checkbox', id: 'log-follow', checked: true });
    const logNote = h('p', { class: 'muted small', id: 'log-note' });
    let lines = [];
    let held = [];
    let paused = false;
    const shown = (line) => !filter.value || line.text.toLowerCase().includes(filter.value.toLowerCase());
    const lineEl = (line) => h('div', {}, h('span', { class: 'seq' }, `#${line.sequence} ${new Date(line.time).toLocaleTimeString()} `), line.text);
    function redraw() {
      put(log, ...lines.filter(shown).map(lineEl));
      if (followBox.checked) log.scrollTop = log.scrollHeight;
    }
    function add(line) {
      if (paused) { held.push(line); pause.textContent = `Resume (${held.length} new)`; return; }
      if (lines.length && line.sequence && line.sequence <= lines[lines.length - 1].sequence) return;
      lines.push(line);
      if (lines.length > LOG_KEEP) { lines = lines.slice(-LOG_KEEP); redraw(); return; }
      if (shown(line)) {
        log.append(lineEl(line));
        if (followBox.checked) log.scrollTop = log.scrollHeight;
      }
    }
    pause.addEventListener('click', () => {
      paused = !paused;
      pause.setAttribute('aria-pressed', String(paused));
      pause.textContent = paused ? 'Resume' : 'Pause';
      if (!paused) { const waiting = held; held = []; waiting.forEach(add); }
    });
    filter.addEventListener('input', redraw);
    followBox.addEventListener('change', redraw);
    let following = null;
    function startLog() {
      if (following) following.abort();
      if (!isHere(nodeName)) {
        api('GET', `/api/tasks/${id}/logs?max=200${on(nodeName, '&')}`).then((got) => { lines = got; redraw(); }, () => {});
        logNote.textContent = `The task runs on ${nodeName}: open that node's console to follow its log live.`;
        return;
      }
      logNote.textContent = 'Following the log live.';
      following = follow(`/api/tasks/${id}/logs?follow=true&max=200`, (name, data) => {
        if (name === 'end') { logNote.textContent = `The run ended: ${data.state}${data.reason ? ' (' + data.reason + ')' : ''}.`; show(data); } else add(data);
      }, (e) => { if (e) logNote.textContent = 'The log stream stopped: ' + e.message; });
    }
    startLog();
    every(3000, () => refresh().catch(() => {}));
    put(view,
      h('p', { class: 'small' }, h('a', { href: '#/tasks' }, '← Tasks')),
      h('h1', { id: 'task-title' }, `${task.name} `, h('span', { class: 'muted' }, `#${task.id}`)),
      h('div', { class: 'card' }, facts, trace, actions),
      h('h2', {}, 'Log'),
      h('div', { class: 'toolbar' }, filter, pause, h('label', { class: 'check' }, followBox, 'Follow')),
      log, logNote);
  }

  // ---- apps and deploying --------------------------------------------------------------------------------------
  async function renderApps(view) {
    const apps = await api('GET', '/api/apps');
    const items = apps.map((app) => {
      const described = new Map((app.described || []).map((f) => [f.name, f]));
      const appText = text(app.texts);
      return h('div', { class: 'item', 'data-app': app.name },
        h('div', { class: 'row' }, h('span', { class: 'title grow' }, appText.name || app.name), h('span', { class: 'badge' }, `v${app.version}`)),
        appText.description ? h('div', { class: 'sub' }, appText.description) : null,
        h('div', { class: 'sub' }, `${app.name} · deployed ${ago(app.deployedAt)}${app.hasSignature ? '' : ' · no .sig: arguments as JSON'}`),
        h('div', { class: 'actions' }, app.functions.map((fn) => {
          const t = text(described.get(fn) && described.get(fn).texts);
          return h('a', { class: 'button', href: `#/start/${q(app.name)}/${q(fn)}`, title: t.description || fn }, `Start ${t.name || fn}`);
        })));
    });
    put(view,
      h('div', { class: 'row' }, h('h1', { class: 'grow' }, 'Apps'), h('a', { class: 'button primary', href: '#/deploy' }, 'Deploy an app')),
      items.length ? h('div', { class: 'list grid', id: 'app-list' }, items) : h('p', { class: 'muted' }, 'No apps yet: deploy one.'));
  }

  function renderDeploy(view) {
    const name = h('input', { id: 'app-name', required: true, pattern: '[A-Za-z0-9_.\\-]+', autocomplete: 'off' });
    const lua = h('input', { id: 'app-lua', type: 'file', accept: '.lua,text/plain', required: true });
    const sig = h('input', { id: 'app-sig', type: 'file', accept: '.sig,.json' });
    const desc = h('input', { id: 'app-desc', type: 'file', multiple: true });
    const formError = h('div', { class: 'form-error', role: 'alert', id: 'deploy-error' });
    const errors = new Map([['name', h('div', { class: 'error' })], ['source', h('div', { class: 'error' })], ['signature', h('div', { class: 'error' })], ['descriptions', h('div', { class: 'error' })]]);
    lua.addEventListener('change', () => {
      if (lua.files[0] && !name.value) name.value = lua.files[0].name.replace(/\.lua$/i, '');
    });
    const field = (id, label, input, help, key) => h('div', { class: 'field' }, h('label', { for: id }, label), help ? h('div', { class: 'help' }, help) : null, input, errors.get(key));
    const form = h('form', { class: 'card', id: 'deploy-form', onsubmit: async (e) => {
      e.preventDefault();
      errors.forEach((el) => { el.textContent = ''; });
      formError.textContent = '';
      const descriptions = {};
      for (const file of desc.files) {
        const match = file.name.match(/\.sigdesc\.([A-Za-z-]+)$/);
        if (!match) { errors.get('descriptions').textContent = `${file.name}: a description file is named <App>.sigdesc.<locale>.`; return; }
        descriptions[match[1]] = await file.text();
      }
      const body = { name: name.value.trim(), source: await lua.files[0].text() };
      if (sig.files[0]) body.signature = await sig.files[0].text();
      if (Object.keys(descriptions).length) body.descriptions = descriptions;
      try {
        const app = await api('POST', '/api/apps', body);
        toast(`Deployed ${app.name} version ${app.version}.`);
        location.hash = '#/apps';
      } catch (err) {
        const key = (err.path || '').replace(/^\$\./, '').split(/[.[]/)[0];
        const where = errors.get(key);
        (where || formError).textContent = err.message + (err.path && !where ? ` (at ${err.path})` : '');
      }
    } },
    h('h1', {}, 'Deploy an app'),
    h('p', { class: 'muted small' }, 'A new name deploys a new app; an existing name deploys its next version (its tasks move to it when they start again).'),
    field('app-lua', 'Lua source', lua, null, 'source'),
    field('app-name', 'Name', name, 'Letters, digits, _ . -', 'name'),
    field('app-sig', 'Signature (.sig, optional)', sig, 'Describes the entry functions\' arguments; the start form is made from it.', 'signature'),
    field('app-desc', 'Descriptions (.sigdesc.<locale>, optional)', desc, 'Display names, descriptions and labels.', 'descriptions'),
    formError,
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Deploy'), h('a', { class: 'button', href: '#/apps' }, 'Cancel')));
    put(view, form);
  }

  // ---- the start form, made from the function's signature ------------------------------------------------------
  async function formContext() {
    const [devices, choices] = await Promise.all([api('GET', '/api/devices'), api('GET', '/api/choices')]);
    return { devices, choices, types: new Map() };
  }
  async function renderStart(view, appName, fn) {
    const [app, ctx] = await Promise.all([api('GET', `/api/apps/${q(appName)}`), formContext()]);
    showForm(view, { app, fn, ctx, title: 'Start a task', submitLabel: 'Start',
      submit: (args, taskName) => api('POST', '/api/tasks', { app: app.name, function: fn, arguments: args, name: taskName || undefined }),
      done: (t) => { toast(`Task ${t.name} started.`); location.hash = `#/tasks/${q(node.node)}/${t.id}`; } });
  }
  async function renderEdit(view, nodeName, id) {
    const task = await api('GET', `/api/tasks/${id}${on(nodeName, '?')}`);
    const [app, ctx] = await Promise.all([api('GET', `/api/apps/${q(task.app)}`), formContext()]);
    showForm(view, { app, fn: task.function, ctx, title: `Edit ${task.name}`, submitLabel: 'Save and restart', initial: task.arguments, editing: true,
      submit: (args) => api('PUT', `/api/tasks/${id}${on(nodeName, '?')}`, { arguments: args }),
      done: (t) => { toast(`Task ${t.name} restarted.`); location.hash = `#/tasks/${q(nodeName)}/${t.id}`; } });
  }
  function showForm(view, { app, fn, ctx, title, submitLabel, initial, editing, submit, done }) {
    const described = (app.described || []).find((f) => f.name === fn);
    const fnText = text(described && described.texts);
    const formError = h('div', { class: 'form-error', role: 'alert', id: 'form-error' });
    const taskName = h('input', { id: 'task-name', placeholder: `${app.name}/${fn}`, autocomplete: 'off' });
    const nameError = h('div', { class: 'error' });
    let widgets = [];
    let raw = null;
    if (described) {
      widgets = described.parameters.map((p, i) => {
        const given = Array.isArray(initial) ? initial[i] : initial && typeof initial === 'object' ? initial[p.name] : undefined;
        return makeWidget(p, given, ctx, p.name);
      });
    } else {
      raw = h('textarea', { id: 'raw-arguments', rows: 4, placeholder: '["world", 3]', spellcheck: 'false' }, initial === undefined || initial === null ? '' : JSON.stringify(initial));
    }
    const form = h('form', { class: 'card', id: 'start-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      formError.textContent = '';
      nameError.textContent = '';
      let args;
      if (raw) {
        try { args = raw.value.trim() ? JSON.parse(raw.value) : undefined; } catch (err) { formError.textContent = 'The arguments are not JSON: ' + err.message; return; }
      } else {
        const bad = [];
        args = {};
        widgets.forEach((w) => { const v = w.collect(bad); if (v !== undefined) args[w.name] = v; });
        if (bad.length) { bad[0].focus(); formError.textContent = 'Some fields need a look.'; return; }
      }
      try {
        done(await submit(args, taskName.value.trim()));
      } catch (err) {
        const path = err.path || '';
        if (path === '$.name') { nameError.textContent = err.message; return; }
        const target = path.startsWith('$.arguments.') ? findWidget(widgets, path.slice('$.arguments.'.length)) : null;
        if (target) { target.fail(err.message.replace(/^[^:]*: /, '')); target.focus(); } else formError.textContent = err.message + (path ? ` (at ${path})` : '');
      }
    } },
    h('p', { class: 'small' }, h('a', { href: '#/apps' }, '← Apps')),
    h('h1', {}, title),
    h('p', {}, h('strong', {}, fnText.name || fn), ` · ${app.name} v${app.version}`),
    fnText.description ? h('p', { class: 'muted' }, fnText.description) : null,
    editing ? null : h('div', { class: 'field' }, h('label', { for: 'task-name' }, 'Task name (optional)'), taskName, nameError),
    widgets.map((w) => w.el),
    raw ? h('div', { class: 'field' }, h('label', { for: 'raw-arguments' }, 'Arguments (JSON array or object)'), raw) : null,
    formError,
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit', id: 'submit' }, submitLabel)));
    put(view, form);
  }
  // Finds the widget of a server path by parameter name ("groups[1].lights[0]").
  function findWidget(widgets, path) {
    const match = path.match(/^([^.[]+)(.*)$/);
    if (!match) return null;
    const top = widgets.find((w) => w.name === match[1]);
    return top ? top.find(match[2]) : null;
  }

  let fieldCount = 0;
  // One field of the form for parameter p: {el, name, collect(bad), find(rest), fail(message), focus()}.
  // collect returns the JSON value, or undefined to leave the argument out; a field in error pushes itself onto bad.
  function makeWidget(p, given, ctx, name) {
    if (p.typeName && p.children.length) ctx.types.set(p.typeName, p);
    const spec = p.typeName && !p.children.length && ctx.types.has(p.typeName) ? { ...ctx.types.get(p.typeName), name: p.name, nullable: p.nullable, texts: p.texts } : p;
    const id = `f${++fieldCount}`;
    const t = text(spec.texts);
    // A list's element has no name of its own: the list's numbering labels it (and its aria-label names it).
    const element = !name;
    const label = t.name || spec.name || 'Item';
    const error = h('div', { class: 'error', id: `${id}-error` });
    const widget = { name, spec, find: (rest) => (rest ? null : widget), fail: (message) => { error.textContent = message; if (widget.input) widget.input.setAttribute('aria-invalid', 'true'); }, focus: () => widget.input && widget.input.focus() };
    const clear = () => { error.textContent = ''; if (widget.input) widget.input.removeAttribute('aria-invalid'); };
    const start = given !== undefined && given !== null ? given : spec.default;
    const help = [];
    if (t.description) help.push(t.description);
    const wrap = (input, extra) => {
      widget.input = input;
      input.id = id;
      input.setAttribute('aria-describedby', `${id}-error`);
      input.addEventListener('input', clear);
      input.addEventListener('change', clear);
      if (element) input.setAttribute('aria-label', label);
      return h('div', { class: 'field', 'data-param': spec.name || 'item' }, element ? null : h('label', { for: id }, label, spec.nullable ? h('span', { class: 'muted' }, ' (optional)') : null),
        help.length ? h('div', { class: 'help' }, help.join(' · ')) : null, extra || input, error);
    };
    const need = (bad, message) => { widget.fail(message); bad.push(widget); return undefined; };
    const empty = (bad) => (spec.nullable || spec.default !== null && spec.default !== undefined ? undefined : need(bad, 'Required.'));

    switch (spec.type) {
      case 'Number': {
        const step = spec.step || spec.stepHint;
        const input = h('input', { type: 'number', inputmode: 'decimal', min: spec.min, max: spec.max, step: step || 'any', value: start ?? '' });
        const unit = spec.showPercentage ? '%' : unitText(spec.unit);
        if (spec.min !== null && spec.max !== null) help.push(`${spec.min} – ${spec.max}${unit ? ' ' + unit : ''}`);
        widget.el = wrap(input, unit ? h('div', { class: 'unit' }, input, h('span', {}, unit)) : null);
        widget.collect = (bad) => {
          if (input.value.trim() === '') return input.validity.badInput ? need(bad, 'Not a number.') : empty(bad);
          const v = Number(input.value);
          if (!Number.isFinite(v)) return need(bad, 'Not a number.');
          if (spec.min !== null && v < spec.min) return need(bad, `At least ${spec.min}.`);
          if (spec.max !== null && v > spec.max) return need(bad, `At most ${spec.max}.`);
          if (spec.step) {
            const k = (v - (spec.min ?? 0)) / spec.step;
            if (Math.abs(k - Math.round(k)) > 1e-9) return need(bad, `In steps of ${spec.step}${spec.min !== null ? ' from ' + spec.min : ''}.`);
          }
          return v;
        };
        break;
      }
      case 'String': {
        const input = h('input', { type: 'text', value: start ?? '' });
        widget.el = wrap(input);
        widget.collect = () => (input.value === '' && spec.nullable ? undefined : input.value);
        break;
      }
      case 'Boolean': {
        const input = h('input', { type: 'checkbox', checked: start === true });
        widget.input = input;
        input.id = id;
        widget.el = h('div', { class: 'field', 'data-param': spec.name || 'item' }, h('label', { class: 'check', for: id }, input, label), help.length ? h('div', { class: 'help' }, help.join(' · ')) : null, error);
        widget.collect = () => input.checked;
        break;
      }
      case 'Enumeration': {
        const labels = t.labels || spec.labels;
        if (!labels) {
          const input = h('input', { type: 'number', min: 0, step: 1, value: start ?? '' });
          widget.el = wrap(input);
          widget.collect = (bad) => (input.value === '' ? empty(bad) : Number(input.value));
          break;
        }
        const select = h('select', {}, h('option', { value: '' }, spec.nullable ? '—' : 'Choose…'), labels.map((l, i) => h('option', { value: i, selected: start === i }, l)));
        widget.el = wrap(select);
        widget.collect = (bad) => (select.value === '' ? empty(bad) : Number(select.value));
        break;
      }
      case 'TimeOnly': {
        const input = h('input', { type: 'time', step: 60, value: typeof start === 'number' ? clock(start) : start || '' });
        help.push(`the node's local time (${zoneName()})`);
        widget.el = wrap(input);
        widget.collect = (bad) => {
          if (!input.value) return empty(bad);
          const [hh, mm, ss] = input.value.split(':').map(Number);
          return hh * 3600 + mm * 60 + (ss || 0);
        };
        break;
      }
      case 'DateTime': {
        const input = h('input', { type: 'datetime-local', value: typeof start === 'number' ? nodeLocal(start) : '' });
        help.push(`the node's local time (${zoneName()})`);
        widget.el = wrap(input);
        widget.collect = (bad) => {
          if (!input.value) return empty(bad);
          const [date, time] = input.value.split('T');
          const [y, mo, d] = date.split('-').map(Number);
          const [hh, mm] = time.split(':').map(Number);
          return Math.round((Date.UTC(y, mo - 1, d, hh, mm) - offsetMinutes() * 60000) / 1000);
        };
        break;
      }
      case 'Device': {
        const matching = ctx.devices.filter((d) => deviceMatches(spec, d));
        const search = h('input', { type: 'search', placeholder: `Search ${matching.length} device${matching.length === 1 ? '' : 's'}`, 'aria-label': `Search devices for ${label}` });
        const select = h('select', { size: Math.min(6, Math.max(3, matching.length + 1)) });
        const fill = () => {
          const words = search.value.toLowerCase();
          const chosen = select.value || (typeof start === 'string' ? start : matching.find((d) => d.id === start)?.name);
          put(select, ...matching.filter((d) => !words || `${d.name} ${d.typeName}`.toLowerCase().includes(words))
            .map((d) => h('option', { value: d.name, selected: d.name === chosen }, [isHere(d.node) ? d.name.split('/').slice(1).join('/') : d.name, d.ok ? stateText(d) : 'unreachable', d.typeName].filter(Boolean).join(' · '))));
        };
        search.addEventListener('input', fill);
        fill();
        if (!matching.length) help.push('No device of this node or cluster matches this parameter.');
        widget.el = wrap(select, h('div', {}, search, select));
        widget.collect = (bad) => (select.value ? select.value : empty(bad));
        break;
      }
      case 'VirtualDevice': {
        const input = h('input', { type: 'text', placeholder: 'a name for the new device (optional)', value: typeof start === 'string' ? start : '' });
        help.push('The task gets a virtual device of its own.');
        widget.el = wrap(input);
        widget.collect = () => (input.value.trim() ? input.value.trim() : undefined);
        break;
      }
      case 'LanDevice': case 'Action': case 'User': {
        const options = spec.type === 'LanDevice' ? ctx.choices.lanDevices : spec.type === 'Action' ? ctx.choices.actions : ctx.choices.users;
        if (options.length) {
          const select = h('select', {}, h('option', { value: '' }, spec.nullable ? '—' : 'Choose…'), options.map((o) => h('option', { value: o.id, selected: start === o.id || start === o.name }, `${o.name} (#${o.id})`)));
          widget.el = wrap(select);
          widget.collect = (bad) => (select.value === '' ? empty(bad) : Number(select.value));
        } else {
          const input = h('input', { type: 'text', placeholder: 'id or name', value: start ?? '' });
          widget.el = wrap(input);
          widget.collect = (bad) => (input.value.trim() === '' ? empty(bad) : /^\d+$/.test(input.value.trim()) ? Number(input.value.trim()) : input.value.trim());
        }
        break;
      }
      case 'List': return listWidget(widget, spec, start, ctx, label, help, error);
      case 'Table': return tableWidget(widget, spec, start, ctx, element ? null : label, help, error);
      default: {
        const input = h('input', { type: 'text', value: start === undefined || start === null ? '' : JSON.stringify(start) });
        widget.el = wrap(input);
        widget.collect = (bad) => { if (!input.value) return empty(bad); try { return JSON.parse(input.value); } catch { return need(bad, 'Not JSON.'); } };
      }
    }
    return widget;
  }
  function listWidget(widget, spec, start, ctx, label, help, error) {
    const element = spec.children[0];
    const holder = h('div', {});
    const items = [];
    const add = h('button', { type: 'button', class: 'small', 'data-add': spec.name }, `Add ${text(element && element.texts).name || 'item'}`);
    if (spec.sizeMin !== null || spec.sizeMax !== null) help.push(spec.sizeMax !== null ? `${spec.sizeMin ?? 0} to ${spec.sizeMax} items` : `at least ${spec.sizeMin}`);
    if (spec.unique) help.push('no two alike');
    function redraw() {
      put(holder, ...items.map((item, i) => h('div', { class: 'list-item', 'data-index': i },
        h('div', { class: 'row tools' }, h('span', { class: 'muted small grow' }, `${i + 1}.`),
          spec.unordered ? null : h('button', { type: 'button', class: 'small', 'aria-label': 'Move up', disabled: i === 0, onclick: () => { items.splice(i - 1, 0, items.splice(i, 1)[0]); redraw(); } }, '↑'),
          spec.unordered ? null : h('button', { type: 'button', class: 'small', 'aria-label': 'Move down', disabled: i === items.length - 1, onclick: () => { items.splice(i + 1, 0, items.splice(i, 1)[0]); redraw(); } }, '↓'),
          h('button', { type: 'button', class: 'small', 'aria-label': 'Remove', disabled: spec.sizeMin !== null && items.length <= spec.sizeMin, onclick: () => { items.splice(i, 1); redraw(); } }, '✕')),
        item.el)));
      add.disabled = spec.sizeMax !== null && items.length >= spec.sizeMax;
    }
    const push = (value) => { items.push(makeWidget(element, value, ctx, '')); };
    if (Array.isArray(start)) start.forEach(push);
    while (items.length < (spec.sizeMin ?? 0)) push(undefined);
    add.addEventListener('click', () => { push(undefined); error.textContent = ''; redraw(); items[items.length - 1].focus(); });
    redraw();
    widget.el = h('fieldset', { 'data-param': spec.name || 'item' }, h('legend', {}, label, spec.nullable ? h('span', { class: 'muted' }, ' (optional)') : null),
      help.length ? h('div', { class: 'help' }, help.join(' · ')) : null, holder, add, error);
    widget.focus = () => add.focus();
    widget.fail = (message) => { error.textContent = message; };
    widget.find = (rest) => {
      if (!rest) return widget;
      // The node's paths count list elements from 1, as Lua does.
      const m = rest.match(/^\[(\d+)\](.*)$/);
      return m && items[Number(m[1]) - 1] ? items[Number(m[1]) - 1].find(m[2]) : null;
    };
    widget.collect = (bad) => {
      error.textContent = '';
      const values = items.map((item) => item.collect(bad));
      if (!items.length && spec.nullable) return undefined;
      if (spec.sizeMin !== null && items.length < spec.sizeMin) { widget.fail(`Add at least ${spec.sizeMin}.`); bad.push(widget); }
      if (spec.sizeMax !== null && items.length > spec.sizeMax) { widget.fail(`At most ${spec.sizeMax}.`); bad.push(widget); }
      // Unique: the elements, or each Unique field of a Table element, are distinct within this list.
      const keys = element.type === 'Table' || element.children.some((c) => c.unique)
        ? element.children.filter((c) => c.unique).map((c) => (v) => v && v[c.name])
        : element.unique || spec.unique ? [(v) => v] : [];
      for (const key of keys) {
        const seen = new Map();
        values.forEach((v, i) => {
          const k = JSON.stringify(key(v));
          if (k === undefined) return;
          if (seen.has(k)) { items[i].fail(`Same as item ${seen.get(k) + 1}: each must be different.`); bad.push(items[i]); } else seen.set(k, i);
        });
      }
      return values;
    };
    return widget;
  }
  // A table (label null: a list's element, which the list numbers) with one field per child.
  function tableWidget(widget, spec, start, ctx, label, help, error) {
    const fields = spec.children.map((c) => makeWidget(c, start && typeof start === 'object' ? start[c.name] : undefined, ctx, c.name));
    const body = h('div', {}, fields.map((f) => f.el));
    // A Nullable table (how recursive types end) is left out until the user sets it.
    const set = spec.nullable ? h('input', { type: 'checkbox', checked: start !== undefined && start !== null }) : null;
    if (set) {
      body.hidden = !set.checked;
      set.addEventListener('change', () => { body.hidden = !set.checked; });
    }
    widget.el = label === null ? h('div', { 'data-param': 'item' }, body, error)
      : h('fieldset', { 'data-param': spec.name }, h('legend', {}, set ? h('label', { class: 'check' }, set, label) : label),
        help.length ? h('div', { class: 'help' }, help.join(' · ')) : null, body, error);
    widget.focus = () => (fields[0] ? fields[0].focus() : null);
    widget.fail = (message) => { error.textContent = message; };
    widget.find = (rest) => {
      if (!rest) return widget;
      const m = rest.match(/^\.([^.[]+)(.*)$/);
      const field = m && fields.find((f) => f.name === m[1]);
      return field ? field.find(m[2]) : null;
    };
    widget.collect = (bad) => {
      error.textContent = '';
      if (set && !set.checked) return undefined;
      const value = {};
      fields.forEach((f) => { const v = f.collect(bad); if (v !== undefined) value[f.name] = v; });
      return value;
    };
    return widget;
  }
  function deviceMatches(spec, device) {
    if (!spec.deviceTypes || !spec.deviceTypes.length) return true;
    const clusters = new Set(device.clusters.map((c) => c.id));
    return spec.deviceTypes.some((t) => (t.deviceType === 0xffff || t.deviceType === device.type) && t.clusters.every((c) => clusters.has(c)));
  }
  const unitText = (unit) => ({ Cel: '°C', '[degF]': '°F', '%': '%', s: 's', min: 'min', h: 'h', m: 'm', lx: 'lx' }[unit] || unit || '');
  const clock = (seconds) => `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}`;
  const offsetMinutes = () => (typeof node.utcOffsetMinutes === 'number' ? node.utcOffsetMinutes : -new Date().getTimezoneOffset());
  const zoneName = () => node.timeZone || 'this browser\'s zone';
  function nodeLocal(epochSeconds) {
    const d = new Date(epochSeconds * 1000 + offsetMinutes() * 60000);
    return d.toISOString().slice(0, 16);
  }

  // ---- devices -----------------------------------------------------------------------------------------------
  const attribute = (d, cluster, id) => d.attributes.find((a) => a.cluster === cluster && a.attribute === id);
  const has = (d, cluster) => d.clusters.some((c) => c.id === cluster);
  const isOn = (d) => { const a = attribute(d, 6, 0); return a ? a.value === true || a.value === 1 : null; };
  function stateText(d) {
    const main = attribute(d, 6, 0) || attribute(d, 8, 0) || attribute(d, 0x402, 0) || attribute(d, 0x201, 0) || d.attributes[0];
    return main ? main.display : '';
  }
  async function command(d, body) {
    try {
      await api('POST', `/api/devices/${d.id}/command`, body);
    } catch (e) { toast(e.message); }
  }

  function renderDevices(view) {
    const devices = new Map();
    const search = h('input', { type: 'search', placeholder: 'Search devices', id: 'device-search', 'aria-label': 'Search devices' });
    const nodeFilter = h('select', { id: 'device-node', 'aria-label': 'Node' }, h('option', { value: '' }, 'All nodes'));
    const typeFilter = h('select', { id: 'device-type', 'aria-label': 'Type' }, h('option', { value: '' }, 'All types'));
    const stateFilter = h('select', { id: 'device-state', 'aria-label': 'State' }, h('option', { value: '' }, 'Any state'), h('option', { value: 'ok' }, 'ok'), h('option', { value: 'bad' }, 'unreachable'));
    const count = h('p', { class: 'muted small', id: 'device-count' });
    const windowEl = h('div', { class: 'window', id: 'devices' });
    let shown = [];
    let scheduled = false;
    function options(select, values) {
      const current = select.value;
      const first = select.options[0];
      put(select, first, ...[...values].sort().map((v) => h('option', { value: v, selected: v === current }, v)));
    }
    function refilter() {
      const words = search.value.toLowerCase();
      shown = [...devices.values()].filter((d) => (!nodeFilter.value || d.node === nodeFilter.value) && (!typeFilter.value || d.typeName === typeFilter.value)
        && (!stateFilter.value || (stateFilter.value === 'ok') === d.ok) && (!words || d.name.toLowerCase().includes(words)))
        .sort((a, b) => a.name.localeCompare(b.name));
      windowEl.style.height = `${shown.length * ROW}px`;
      count.textContent = `${shown.length} of ${devices.size} devices`;
      draw();
    }
    // Only the rows in view (and a few around) are in the page. A row whose device and place did not change is kept
    // as it is (a device's view object is replaced when its state changes), so a finger on a switch stays on it.
    let rows = new Map();
    function draw() {
      const top = windowEl.getBoundingClientRect().top;
      const first = Math.max(0, Math.floor(-top / ROW) - 4);
      const last = Math.min(shown.length, Math.ceil((window.innerHeight - top) / ROW) + 4);
      const next = new Map();
      for (let i = first; i < last; i++) {
        const d = shown[i];
        const kept = rows.get(d.id);
        next.set(d.id, kept && kept.device === d && kept.index === i ? kept : { device: d, index: i, el: deviceRow(d, i) });
      }
      for (const [id, row] of rows) if (next.get(id) !== row) row.el.remove();
      for (const row of next.values()) if (!row.el.isConnected) windowEl.append(row.el);
      rows = next;
    }
    function deviceRow(d, i) {
      const on = has(d, 6) ? isOn(d) : null;
      // Placed through the CSSOM: the content security policy refuses style attributes.
      const row = h('div', { class: 'device', 'data-device': d.name },
        h('span', { class: d.ok ? 'dot' : 'dot bad', title: d.ok ? 'ok' : 'unreachable' }),
        h('div', { class: 'grow', onclick: () => { location.hash = `#/devices/${d.id}`; } },
          h('div', { class: 'title ellipsis' }, d.name.split('/').slice(1).join('/')),
          h('div', { class: 'sub ellipsis small muted' }, [d.node, d.typeName, d.ok ? stateText(d) : `unreachable, last heard ${ago(d.lastHeard)}`, d.ownerTask ? `task ${d.ownerTask}` : ''].filter(Boolean).join(' · '))),
        on === null ? null : h('button', { type: 'button', class: 'switch', 'aria-pressed': String(on), 'aria-label': `${d.name} on or off`,
          onclick: () => command(d, { command: on ? 'off' : 'on' }) }, on ? 'On' : 'Off'));
      row.style.top = `${i * ROW}px`;
      return row;
    }
    function schedule() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; options(nodeFilter, new Set([...devices.values()].map((d) => d.node))); options(typeFilter, new Set([...devices.values()].map((d) => d.typeName))); refilter(); });
    }
    [search, nodeFilter, typeFilter, stateFilter].forEach((el) => el.addEventListener('input', refilter));
    window.addEventListener('scroll', draw, { passive: true });
    window.addEventListener('resize', draw);
    onLeave(() => { window.removeEventListener('scroll', draw); window.removeEventListener('resize', draw); });
    const live = h('p', { class: 'muted small', id: 'device-live' }, 'Connecting…');
    follow('/api/devices/events', (name, data) => {
      if (name === 'devices') { devices.clear(); data.forEach((d) => devices.set(d.id, d)); live.textContent = 'Live.'; }
      else if (name === 'device') devices.set(data.id, data);
      else if (name === 'removed') devices.delete(data.id);
      schedule();
    }, (e) => { live.textContent = e ? 'The live feed stopped: ' + e.message : 'The live feed ended.'; });
    put(view, h('h1', {}, 'Devices'), h('div', { class: 'toolbar' }, search, nodeFilter, typeFilter, stateFilter), h('div', { class: 'row' }, count, live), windowEl);
  }

  // One device: its facts and attributes kept current by the live feed; the controls are made once, so a tap
  // always lands on the control it aimed at.
  function renderDevice(view, id) {
    const title = h('h1', {}, 'Loading…');
    const facts = h('dl', { class: 'facts' });
    const controls = h('div', { class: 'actions' });
    let device = null;
    let built = false;
    let update = () => {};
    function build(d) {
      const parts = [];
      const updates = [];
      if (has(d, 6)) {
        const button = h('button', { type: 'button', class: 'switch', id: 'device-switch', onclick: () => command(device, { command: isOn(device) ? 'off' : 'on' }) });
        updates.push((x) => { const on = isOn(x); button.setAttribute('aria-pressed', String(!!on)); button.textContent = on ? 'On' : 'Off'; });
        parts.push(button);
      }
      if (has(d, 8)) {
        const label = h('label', { for: 'device-level' });
        const slider = h('input', { type: 'range', min: 0, max: 254, id: 'device-level' });
        slider.addEventListener('change', () => command(device, { command: 'level', level: Number(slider.value), transition: 0.5 }));
        updates.push((x) => {
          const level = attribute(x, 8, 0);
          label.textContent = `Level ${level ? level.display : ''}`;
          if (document.activeElement !== slider && level) slider.value = Number(level.value);
        });
        parts.push(h('div', { class: 'field grow' }, label, slider));
      }
      if (has(d, 0x201)) {
        const step = (amount) => command(device, { cluster: 0x201, command: 0, args: [0, amount] });
        const value = h('span', { id: 'device-setpoint' });
        updates.push((x) => { const a = attribute(x, 0x201, 0x12); value.textContent = `Heating setpoint ${a ? a.display : '—'}`; });
        parts.push(h('div', { class: 'grow' }, h('div', {}, value), h('div', { class: 'row' },
          h('button', { type: 'button', 'aria-label': 'Lower the setpoint', onclick: () => step(-5) }, '−0.5 °C'),
          h('button', { type: 'button', 'aria-label': 'Raise the setpoint', onclick: () => step(5) }, '+0.5 °C'))));
      }
      put(controls, ...parts);
      controls.hidden = !parts.length;
      update = (x) => updates.forEach((u) => u(x));
      built = true;
    }
    function show(d) {
      device = d;
      if (!built) build(d);
      title.textContent = d.name;
      put(facts, [
        h('dt', {}, 'State'), h('dd', {}, h('span', { class: `badge ${d.ok ? 'ok' : 'bad'}` }, d.ok ? 'ok' : 'unreachable'), ` last heard ${ago(d.lastHeard)}`),
        h('dt', {}, 'Type'), h('dd', {}, `${d.typeName} (${d.driver})`),
        h('dt', {}, 'Node'), h('dd', {}, d.node),
        d.ownerTask ? [h('dt', {}, 'Owned by'), h('dd', {}, h('a', { href: `#/tasks/${q(d.node)}/${d.ownerTask}` }, `task ${d.ownerTask}`))] : null,
        d.attributes.map((a) => [h('dt', {}, a.name || `${a.cluster}/${a.attribute}`), h('dd', { 'data-attribute': a.name || '' }, a.display, a.restored ? h('span', { class: 'muted' }, ' (last known)') : null)]),
      ]);
      update(d);
    }
    follow('/api/devices/events', (name, data) => {
      if (name === 'devices') { const d = data.find((x) => x.id === id); if (d) show(d); else title.textContent = 'No such device.'; }
      else if (name === 'device' && data.id === id) show(data);
    });
    put(view, h('p', { class: 'small' }, h('a', { href: '#/devices' }, '← Devices')), h('div', { class: 'card', id: 'device' }, title, facts, controls));
  }

  // ---- the cluster -------------------------------------------------------------------------------------------
  async function renderCluster(view) {
    const body = h('div', {});
    async function load() {
      const c = await api('GET', '/api/cluster');
      const leader = c.members.find((m) => m.leader);
      // Two columns, so a phone shows it whole: who (and where), and how it is (and when it was last heard).
      put(body,
        h('p', { class: 'muted' }, c.mode === 'single-node' ? 'This node runs alone.' : `Cluster ${c.name}; leader ${leader ? leader.node : 'none yet'}.`),
        h('div', { class: 'card' }, h('table', { class: 'members', id: 'members' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Node'), h('th', {}, 'State, last heartbeat'))),
          h('tbody', {}, c.members.map((m) => h('tr', {},
            h('td', {}, h('div', {}, m.node, m.leader ? h('span', { class: 'badge' }, 'leader') : null, m.self ? h('span', { class: 'muted' }, ' (this node)') : null),
              h('div', { class: 'muted small address' }, m.address)),
            h('td', {}, h('span', { class: `badge ${m.status}` }, m.status), ' ', h('span', { class: `badge ${m.reachability}` }, m.reachability),
              h('div', { class: 'muted small' }, m.self ? 'this node' : `heard ${ago(m.lastHeard)}`))))))));
    }
    await load();
    put(view, h('h1', {}, 'Cluster'), body);
    every(3000, () => load().catch(() => {}));
  }

  // ---- start -------------------------------------------------------------------------------------------------
  document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));
  document.getElementById('theme').addEventListener('click', () => {
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    const current = document.documentElement.dataset.theme || (dark ? 'dark' : 'light');
    localStorage.setItem(THEME_KEY, current === 'dark' ? 'light' : 'dark');
    applyTheme();
  });
  window.addEventListener('hashchange', route);
  applyTheme();
  if (token()) {
    api('GET', '/api/node').then(signedIn, (e) => { if (e.status !== 401) renderSignIn(e.message); });
  } else {
    renderSignIn();
  }
})();
