// rolegate access review: tabs, one filter for every table, and pages of rows.
// Data comes from the JSON block of this page and reaches the page only as text
// (textContent, never innerHTML), so a name in the config cannot become markup.
"use strict";
(function () {
  const parsing = performance.now();
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const parsed = performance.now() - parsing;
  const V = data.scales.visibility;
  const S = data.scales.scope;
  const PAGE = 50;
  const SHORT = { reveal_on_demand: "reveal" };
  const sensitive = new Set(data.categories.flatMap((c) => c.fields));

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
    return node;
  }

  function fileLink(fileIndex, line) {
    const file = data.files[fileIndex];
    const where = line ? file + ":" + line : file;
    const base = file.startsWith("/") ? "file://" : data.links;
    const href = base + encodeURI(file) + (line ? "#L" + line : "");
    return el("a", { href: href, class: "loc" }, where);
  }

  // --- the filter: words match anywhere in a row; key:value terms match exactly ---------
  const KEYS = ["role", "tier", "person", "account", "rule", "severity"];

  function parseFilter(text) {
    const filter = { words: [], terms: {} };
    for (const word of text.trim().split(/\s+/).filter(Boolean)) {
      const colon = word.indexOf(":");
      const key = colon > 0 ? word.slice(0, colon).toLowerCase() : "";
      if (KEYS.includes(key)) (filter.terms[key] = filter.terms[key] || []).push(word.slice(colon + 1));
      else filter.words.push(word.toLowerCase());
    }
    return filter;
  }

  function words(filter, text) {
    const haystack = text.toLowerCase();
    return filter.words.every((word) => haystack.includes(word));
  }

  function term(filter, key, values) {
    const wanted = filter.terms[key];
    return !wanted || wanted.every((value) => values.includes(value));
  }

  // Roles a person or account filter stands for, so the matrix can follow it.
  function rolesOf(filter) {
    const people = data.people.filter(
      (p) =>
        term(filter, "person", [p[1], p[0]]) &&
        term(filter, "account", p[4].map((a) => a[0]))
    );
    return new Set(people.flatMap((p) => p[3].map((i) => data.roles[i][0])));
  }

  // --- tables with pages ----------------------------------------------------------------
  function table(name, head, keep, row) {
    const body = document.querySelector("#" + name + " tbody");
    const pager = document.querySelector("#" + name + "-pager");
    const state = { rows: [], page: 0 };
    const headRow = document.querySelector("#" + name + " thead");
    function show() {
      body.replaceChildren();
      const start = state.page * PAGE;
      for (const item of state.rows.slice(start, start + PAGE)) body.append(row(item));
      const last = Math.min(start + PAGE, state.rows.length);
      pager.querySelector(".shown").textContent = state.rows.length
        ? "rows " + (start + 1) + "–" + last + " of " + state.rows.length
        : "no rows";
      pager.querySelector(".prev").disabled = state.page === 0;
      pager.querySelector(".next").disabled = last >= state.rows.length;
      pager.dataset.count = String(state.rows.length);
    }
    pager.querySelector(".prev").addEventListener("click", () => { state.page -= 1; show(); });
    pager.querySelector(".next").addEventListener("click", () => { state.page += 1; show(); });
    return {
      refresh(filter, rows) {
        if (head) headRow.replaceChildren(head());
        state.rows = rows.filter((item) => keep(item, filter));
        state.page = 0;
        show();
      },
    };
  }

  // The matrix: a role a row, a column per field of the chosen resource (or every field of
  // a sensitive category) and per resource its scope.
  const resourceSelect = document.getElementById("matrix-resource");
  for (const name of data.resources.slice().sort()) {
    resourceSelect.append(el("option", { value: name }, name));
  }
  function chosenColumns() {
    const chosen = resourceSelect.value;
    return data.columns
      .map((column, index) => ({ index, resource: column[0], field: column[1] }))
      .filter((c) => (chosen ? c.resource === chosen : sensitive.has(c.resource + "." + c.field)))
      .sort((a, b) => (a.resource + "." + a.field).localeCompare(b.resource + "." + b.field));
  }
  function chosenResources(columns) {
    return [...new Set(columns.map((c) => c.resource))];
  }
  const excessOnly = document.getElementById("matrix-excess");
  const matrix = table(
    "matrix",
    () => {
      const columns = chosenColumns();
      const row = el("tr", {}, el("th", {}, "role"), el("th", {}, "tier"), el("th", {}, "accounts"));
      for (const resource of chosenResources(columns)) {
        row.append(el("th", {}, el("small", {}, resource), el("br"), "scope"));
      }
      for (const c of columns) row.append(el("th", {}, el("small", {}, c.resource), el("br"), c.field));
      return row;
    },
    (role, filter) => {
      const text = [role[0], role[1], role[2], role[3], role[7].join(" ")].join(" ");
      if (!words(filter, text) || !term(filter, "role", [role[0]]) || !term(filter, "tier", [role[1]])) return false;
      if ((filter.terms.person || filter.terms.account) && !filter.people.has(role[0])) return false;
      return !excessOnly.checked || profileHasExcess(data.profiles[role[8]]);
    },
    (role) => {
      const columns = chosenColumns();
      const profile = byResource(data.profiles[role[8]]);
      const tr = el("tr", { "data-role": role[0] },
        el("td", {}, fileLinkNamed(role[0], role[4]), el("br"), el("span", { class: "badge " + role[2] }, role[2])),
        el("td", {}, role[1]),
        el("td", {}, role[5]));
      for (const resource of chosenResources(columns)) tr.append(scopeCell(profile.get(resource)));
      for (const c of columns) tr.append(fieldCell(profile.get(c.resource), c.index));
      return tr;
    }
  );
  function fileLinkNamed(name, fileIndex) {
    const link = fileLink(fileIndex, 0);
    link.textContent = name;
    link.title = data.files[fileIndex];
    return link;
  }
  function byResource(profile) {
    return new Map(profile.map((entry) => [data.resources[entry[0]], entry]));
  }
  function profileHasExcess(profile) {
    return profile.some((entry) => entry[3] || entry[6].some((cell) => cell[3]));
  }
  function scopeCell(entry) {
    if (!entry) return el("td", { class: "cell" }, "");
    const needed = entry[2] >= 0 ? S[entry[2]] : "no access";
    const td = el("td", { class: "cell" + (entry[3] ? " excess" : ""), title: "scope " + S[entry[1]] + "; functions need " + needed + "; actions: " + entry[4].join(", ") + (entry[5].length ? "; not needed: " + entry[5].join(", ") : "") }, S[entry[1]]);
    return td;
  }
  function fieldCell(entry, column) {
    const cell = entry && entry[6].find((c) => c[0] === column);
    if (!cell) return el("td", { class: "cell" }, "");
    const shown = V[cell[1]];
    const needed = cell[2] >= 0 ? "; functions need " + V[cell[2]] : "";
    return el("td", { class: "cell v" + cell[1] + (cell[3] ? " excess" : ""), title: shown + needed }, SHORT[shown] || shown);
  }

  // People: a holder a row, all their accounts merged.
  const people = table(
    "people",
    null,
    (p, filter) => {
      const roles = p[3].map((i) => data.roles[i][0]);
      const accounts = p[4].map((a) => a[0]);
      const text = [p[0], p[1], p[2], roles.join(" "), accounts.join(" ")].join(" ");
      return words(filter, text) && term(filter, "role", roles) && term(filter, "person", [p[1], p[0]]) &&
        term(filter, "account", accounts) && term(filter, "tier", p[3].map((i) => data.roles[i][1]));
    },
    (p) => {
      const accounts = el("td", {});
      for (const a of p[4]) {
        accounts.append(el("span", { class: "badge " + a[1] + " " + a[2], title: a[1] + ", " + a[2] + (a[3] ? ", valid until " + a[3] : "") }, a[0]), " ");
      }
      const roles = el("td", {});
      for (const i of p[3]) {
        const name = data.roles[i][0];
        const button = el("button", { class: "link", type: "button" }, name);
        button.addEventListener("click", () => setFilter("role:" + name));
        roles.append(button, " ");
      }
      return el("tr", { "data-holder": p[0] },
        el("td", {}, p[1] || p[0]), el("td", {}, el("span", { class: "badge " + p[2] }, p[2])),
        accounts, roles, el("td", {}, merged(p)));
    }
  );
  function merged(p) {
    if (p[5] < 0) return p[3].length ? "as its role" : "no role";
    const seen = [];
    for (const entry of data.profiles[p[5]]) {
      const resource = data.resources[entry[0]];
      for (const cell of entry[6]) {
        const name = resource + "." + data.columns[cell[0]][1];
        if (sensitive.has(name) && cell[1] > 0) seen.push(name + " " + V[cell[1]]);
      }
    }
    return seen.length ? "all roles together: " + seen.join(", ") : "no sensitive field";
  }

  // Findings, and the findings waivers cover, with the rule's remediation.
  const severity = document.getElementById("findings-severity");
  const findings = table(
    "findings",
    null,
    (f, filter) => {
      const text = [f[0], f[1], f[2], f[3], data.files[f[4]], f[6], f[7]].join(" ");
      const [kind, name] = [f[6].split(":")[0], f[6].slice(f[6].indexOf(":") + 1)];
      return words(filter, text) && (!severity.value || severity.value === f[0]) &&
        term(filter, "rule", [f[1]]) && term(filter, "severity", [f[0]]) &&
        term(filter, "role", kind === "role" ? [name] : []) &&
        term(filter, "account", kind === "account" ? [name] : []) &&
        (!filter.terms.person || (kind === "account" && filter.accounts.has(name)) ||
          (kind === "role" && filter.people.has(name)));
    },
    (f) => {
      const rule = data.rules[f[1]];
      const remedy = rule ? el("details", {}, el("summary", {}, "remediation"), rule[1]) : "";
      return el("tr", { "data-rule": f[1], "data-subject": f[6], class: f[7] ? "waived" : "" },
        el("td", {}, el("span", { class: "sev " + f[0] }, f[0])),
        el("td", {}, f[1], el("br"), f[2]),
        el("td", {}, f[3], f[7] ? el("div", {}, "waived by " + f[7]) : null),
        el("td", {}, fileLink(f[4], f[5])),
        el("td", {}, f[6]),
        el("td", {}, remedy));
    }
  );

  // --- wiring -------------------------------------------------------------------------------
  const search = document.getElementById("filter");
  function refresh() {
    const started = performance.now();
    const filter = parseFilter(search.value);
    filter.people = filter.terms.person || filter.terms.account ? rolesOf(filter) : new Set();
    filter.accounts = new Set(
      data.people.filter((p) => term(filter, "person", [p[1], p[0]])).flatMap((p) => p[4].map((a) => a[0]))
    );
    matrix.refresh(filter, data.roles);
    people.refresh(filter, data.people);
    findings.refresh(filter, data.findings);
    document.documentElement.dataset.filterMs = String(Math.round(performance.now() - started));
    document.documentElement.dataset.filtered = search.value;
  }
  function setFilter(text) {
    search.value = text;
    refresh();
  }
  let pending = 0;
  search.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(refresh, 120);
  });
  for (const control of [resourceSelect, excessOnly, severity]) control.addEventListener("change", refresh);

  const tabs = document.querySelectorAll("nav button[role=tab]");
  function select(name) {
    for (const tab of tabs) {
      const chosen = tab.dataset.tab === name;
      tab.setAttribute("aria-selected", String(chosen));
      document.getElementById(tab.dataset.tab).hidden = !chosen;
    }
  }
  for (const tab of tabs) tab.addEventListener("click", () => select(tab.dataset.tab));

  refresh();
  // For bench/review.py: milliseconds from navigation to the first page of every table,
  // and of it, parsing the data.
  document.documentElement.dataset.firstRender = String(Math.round(performance.now()));
  document.documentElement.dataset.parseMs = String(Math.round(parsed));
  document.documentElement.dataset.ready = "true";
})();
