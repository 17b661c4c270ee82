// kgraph's page: search, class filters, neighbourhood mode, the evidence panel with its charts, and the
// map view, over vis-network and uPlot. Every text from the graph is put into the page with textContent,
// never as markup.
(function () {
  "use strict";
  const byId = new Map(DATA.nodes.map(n => [n.id, n]));
  const edgeById = new Map(DATA.edges.map(e => [e.id, e]));
  const alone = new Set(DATA.alone || []);  // nodes with no relation: apart, and hidden until asked for
  const hidden = new Set();      // classes ticked off
  let showAlone = false;
  let focus = null;              // [node id, hops] in neighbourhood mode
  let moved = false;             // whether neighbourhood mode has moved nodes from their home positions

  // colour and shape come from the node's class (a vis group): options set once, not merged into every node
  const groups = {};
  for (const n of DATA.nodes) if (!groups[n.cls]) groups[n.cls] = {shape: n.shape, color: {background: n.color, border: n.color}};
  const nodes = new vis.DataSet(DATA.nodes.map(n => (alone.has(n.id)
    ? {id: n.id, label: n.label, x: n.x, y: n.y, value: n.value, group: n.cls, hidden: true}
    : {id: n.id, label: n.label, x: n.x, y: n.y, value: n.value, group: n.cls})));
  // Past EDGE_LABELS edges the labels are left off the canvas (too small to read at that scale, and measuring
  // them is most of the page's start-up): an edge's relation is in its panel, a click away.
  const EDGE_LABELS = 1500;
  const labelled = DATA.edges.length <= EDGE_LABELS;
  const edges = new vis.DataSet(DATA.edges.map(e => ({
    id: e.id, from: e.from, to: e.to, label: labelled ? e.label : undefined })));
  const network = new vis.Network(document.getElementById("net"), {nodes, edges}, {
    physics: false, layout: {improvedLayout: false}, interaction: {hover: true, tooltipDelay: 150}, groups,
    nodes: {scaling: {min: 8, max: 36}, font: {size: 14}},
    edges: {smooth: false, arrows: "to", font: {size: 11, align: "middle"}, color: {color: "#999", highlight: "#333"}},
  });
  let mapNet = null;
  window.kgraph = {network, nodes, edges, data: DATA, visibleNodeIds, view: () => document.body.dataset.view,
                   map: () => mapNet, focusId: () => focus && focus[0], showView, select};

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // ---- legend and class filters ------------------------------------------------------------
  const legend = document.getElementById("legend");
  for (const c of DATA.legend) {
    const label = el("label");
    const box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset.cls = c.cls;
    box.addEventListener("change", () => { box.checked ? hidden.delete(c.cls) : hidden.add(c.cls); apply(); });
    const sw = el("span", undefined, "swatch"); sw.style.background = c.color;
    const only = el("a", "仅此类", "only"); only.href = "#"; only.dataset.only = c.cls;
    only.title = "只显示这一类 / show this class only";
    only.addEventListener("click", ev => {
      ev.preventDefault();
      hidden.clear();
      for (const o of DATA.legend) if (o.cls !== c.cls) hidden.add(o.cls);
      if (alone.size) { showAlone = true; aloneBox.checked = true; }  // a class alone: its unlinked members too
      syncBoxes(); apply(); fitVisible();
    });
    label.append(box, sw, document.createTextNode(c.label + " " + c.cls + " (" + c.count + ")"), only);
    legend.appendChild(label);
  }
  const aloneBox = document.getElementById("alone");
  document.getElementById("alone-n").textContent = String(alone.size);
  if (!alone.size) aloneBox.parentElement.style.display = "none";
  aloneBox.addEventListener("change", () => { showAlone = aloneBox.checked; apply(); fitVisible(); });
  if (DATA.leftOut > 0) {
    document.getElementById("status").textContent =
      "显示连接最多的 " + DATA.nodes.length + " 个节点，另有 " + DATA.leftOut + " 个未显示 (of " + DATA.total + ")";
  }

  // ---- what is visible: class filters, unlinked nodes and the neighbourhood -----------------
  function neighbourhood(start, hops) {
    const seen = new Map([[start, 0]]);
    let frontier = [start];
    for (let i = 0; i < hops; i++) {
      const next = [];
      for (const id of frontier) for (const n of network.getConnectedNodes(id)) {
        if (!seen.has(n) && !hidden.has(byId.get(n).cls)) { seen.set(n, i + 1); next.push(n); }
      }
      frontier = next;
    }
    return seen;
  }
  function visibleNodeIds() {
    const near = focus ? neighbourhood(focus[0], focus[1]) : null;
    return DATA.nodes.filter(n => (near ? near.has(n.id) && (!hidden.has(n.cls) || n.id === focus[0])
                                        : !hidden.has(n.cls) && (showAlone || !alone.has(n.id)))).map(n => n.id);
  }
  // The shown neighbourhood laid out afresh: the focus in the middle, each ring of hops around it, each node
  // near the node it was reached from, rings wide enough for their labels.
  function radial(start, near) {
    const pos = new Map([[start, [0, 0, 0]]]);  // id -> [x, y, angle]
    const rings = [];
    for (const [id, d] of near) if (d > 0) (rings[d] = rings[d] || []).push(id);
    let r = 0;
    for (let d = 1; d < rings.length; d++) {
      const ring = rings[d] || [];
      const angleOf = id => {
        let best = null;
        for (const n of network.getConnectedNodes(id)) if (near.get(n) === d - 1 && pos.has(n)) {
          const a = pos.get(n)[2]; if (best === null || a < best) best = a;
        }
        return best === null ? 0 : best;
      };
      ring.sort((a, b) => angleOf(a) - angleOf(b) || (a < b ? -1 : 1));
      r = Math.max(r + 170, ring.length * 120 / (2 * Math.PI));
      ring.forEach((id, i) => {
        const a = 2 * Math.PI * i / ring.length - Math.PI / 2;
        pos.set(id, [Math.round(r * Math.cos(a)), Math.round(r * Math.sin(a)), a]);
      });
    }
    return pos;
  }
  function apply() {
    const show = new Set(visibleNodeIds());
    const upd = [];
    if (focus) {
      const pos = radial(focus[0], neighbourhood(focus[0], focus[1]));
      for (const n of DATA.nodes) {
        const p = pos.get(n.id);
        upd.push(p ? {id: n.id, hidden: !show.has(n.id), x: p[0], y: p[1]} : {id: n.id, hidden: true});
      }
      moved = true;
    } else {
      for (const n of DATA.nodes) upd.push(moved ? {id: n.id, hidden: !show.has(n.id), x: n.x, y: n.y}
                                                 : {id: n.id, hidden: !show.has(n.id)});
      moved = false;
    }
    nodes.update(upd);
    edges.update(DATA.edges.map(e => ({id: e.id, hidden: !(show.has(e.from) && show.has(e.to))})));
    highlight(focus ? focus[0] : null);
  }
  let lit = null;
  function highlight(id) {  // the focus of a neighbourhood: a dark border, a glow, a larger bold label
    if (lit && lit !== id && byId.has(lit)) {
      const n = byId.get(lit);
      nodes.update({id: lit, borderWidth: 1, color: {background: n.color, border: n.color}, shadow: false,
                    font: {size: 14, strokeWidth: 0, bold: false}});
    }
    lit = id;
    if (id) {
      nodes.update({id, borderWidth: 4, color: {border: "#111"}, font: {size: 20, strokeWidth: 4, strokeColor: "#fff3a0"},
                    shadow: {enabled: true, color: "rgba(240,170,0,0.9)", size: 22, x: 0, y: 0}});
    }
  }
  function fitVisible() {
    if (document.body.dataset.view === "graph") network.fit({nodes: visibleNodeIds(), animation: false});
  }

  // ---- search ---------------------------------------------------------------------------------
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  search.addEventListener("input", () => {
    const q = search.value.trim();
    found.textContent = "";
    if (!q) return;
    const hits = DATA.nodes.filter(n => n.label === q || n.aliases.includes(q));
    const partial = hits.length ? hits : DATA.nodes.filter(n => n.label.includes(q) || n.aliases.some(a => a.includes(q)));
    found.textContent = partial.length ? partial.length + " 个结果" : "无结果";
    if (partial.length) select(partial[0].id);
  });
  function select(id) {
    const n = byId.get(id);
    if (hidden.has(n.cls)) { hidden.delete(n.cls); syncBoxes(); apply(); }
    if (alone.has(id) && !showAlone) { showAlone = true; aloneBox.checked = true; apply(); }
    if (focus && !visibleNodeIds().includes(id)) { focus = null; apply(); }
    if (mapNet && markerIds.has(id)) mapNet.selectNodes([id]);
    network.selectNodes([id]);
    if (document.body.dataset.view === "graph") network.focus(id, {scale: 1.2, animation: false});
    else if (mapNet && markerIds.has(id)) {
      mapNet.focus(id, {scale: Math.max(mapNet.getScale(), 1), animation: false});
      restyle();
    }
    showNode(id);
  }
  function syncBoxes() {
    for (const b of legend.querySelectorAll("input")) b.checked = !hidden.has(b.dataset.cls);
  }

  // ---- the evidence panel ----------------------------------------------------------------------
  const info = document.getElementById("info");
  function link(id) {
    const a = el("a", byId.get(id).label, "item"); a.href = "#"; a.dataset.id = id;
    a.addEventListener("click", ev => { ev.preventDefault(); select(id); });
    return a;
  }
  function showNode(id) {
    const n = byId.get(id);
    info.replaceChildren();
    info.appendChild(el("h3", n.label));
    info.appendChild(el("div", n.classLabel + " · " + n.cls + (n.adcode ? " · " + n.adcode : ""), "meta"));
    if (n.aliases.length) info.appendChild(el("div", "别名 aliases: " + n.aliases.join("、"), "meta"));
    if (n.project) {
      const p = el("div", undefined, "project");
      p.append(el("span", "总投资 " + (n.project.invest ? n.project.invest + " 亿元" : "未报道 not reported")),
               el("span", "阶段 stage: " + (n.project.stages.length ? n.project.stages.join(" → ") : "未报道 not reported")));
      info.appendChild(p);
    }
    const m = markerById.get(id);
    if (m && m.items.length) {
      info.appendChild(el("h4", "在此 lies here (" + m.items.length + ")"));
      const ul = el("ul", undefined, "items");
      for (const item of m.items) {
        const li = el("li"); li.append(link(item), el("span", " " + byId.get(item).classLabel, "cls")); ul.appendChild(li);
      }
      info.appendChild(ul);
    }
    if (n.figures.length) {
      info.appendChild(el("h4", "数据 figures"));
      const picked = el("blockquote", undefined, "picked"); picked.hidden = true;
      const pick = row => {
        picked.hidden = false;
        picked.replaceChildren(el("b", [when(row), what(row), row[2] + row[3]].filter(Boolean).join(" ")), el("br"),
                               document.createTextNode(row[5]));
      };
      charts(n.figures, pick);
      const t = el("table", undefined, "figures");
      for (const row of n.figures) {
        const [, , value, unit, growth] = row;
        const tr = el("tr");
        tr.append(el("td", when(row)), el("td", what(row)),
                  el("td", (value ? value + unit : "") + (growth ? " +" + growth + "%" : "")));
        tr.title = row[5];
        tr.addEventListener("click", () => pick(row));
        t.appendChild(tr);
      }
      info.append(picked, t);
    }
    if (n.sentences.length) info.appendChild(el("h4", "原文 mentioned in"));
    for (const [title, sentence] of n.sentences) {
      const q = el("blockquote", sentence);
      q.appendChild(el("span", "—— " + title, "src"));
      info.appendChild(q);
    }
  }
  // A figure row's period besides its year (2026 1-9月), and whether it is a target or a forecast.
  function when(row) { return [row[0], row[7]].filter(Boolean).join(" "); }
  function status(row) { return ({target: "目标", forecast: "预计"})[row[8]] || row[8] || ""; }
  function what(row) { return row[1] + (row[8] ? " (" + status(row) + ")" : ""); }
  // One small chart per indicator and unit with values in two years or more: a line over the years. A series
  // is keyed on the row's indicator (its seventh field, kg:indicator: 总投资, 投资总额 and 计划总投资 are one)
  // and titled by the indicator's Chinese label; a row of no indicator is keyed on its metric as written. A
  // part of a year (1-9月) and a target or forecast are lines of their own, never points of a year's line.
  // A click on a chart shows the value nearest the cursor and its sentence; every value, charted or not, is
  // in the table below, a click away from its sentence.
  const CHARTS_SHOWN = 6;
  function charts(rows, pick) {
    const indicatorLabels = DATA.indicators || {};
    const series = new Map();
    for (const row of rows) {
      const year = parseInt(row[0], 10), value = parseFloat(row[2]);
      if (!(year > 0) || !isFinite(value)) continue;
      const id = row[6] ? "kgi:" + row[6] : row[1];  // an indicator and a metric written alike stay apart
      const key = [id, row[3], row[7] || "", row[8] || ""].join("\u0000");
      if (!series.has(key)) {
        const label = [row[6] ? indicatorLabels[row[6]] || row[6] : row[1], row[7], status(row)].filter(Boolean).join(" ");
        series.set(key, {label, unit: row[3], key: id, byYear: new Map()});
      }
      const s = series.get(key);
      if (!s.byYear.has(year)) s.byYear.set(year, row);  // the first row of a year (rows come in order)
    }
    const shown = [...series.values()].filter(s => s.byYear.size > 1)
      .sort((a, b) => b.byYear.size - a.byYear.size).slice(0, CHARTS_SHOWN);
    if (!shown.length) return;
    const box = el("div", undefined, "charts");
    info.appendChild(box);
    for (const s of shown) {
      const years = [...s.byYear.keys()].sort((a, b) => a - b);
      const values = years.map(y => parseFloat(s.byYear.get(y)[2]));
      const holder = el("div", undefined, "chart"); holder.dataset.key = s.key; holder.dataset.points = String(years.length);
      holder.appendChild(el("div", s.label + (s.unit ? " (" + s.unit + ")" : ""), "chart-title"));
      box.appendChild(holder);
      const min = Math.min(...values), max = Math.max(...values), pad = (max - min) * 0.25 || Math.abs(max) * 0.1 || 1;
      const lo = min >= 0 && min - pad < 0 ? 0 : min - pad, hi = max + pad;  // the change fills the chart
      const u = new uPlot({
        width: 300, height: 130, legend: {show: false},
        cursor: {drag: {x: false, y: false}, points: {size: 10}},
        scales: {x: {time: false, range: [years[0] - 0.4, years[years.length - 1] + 0.4]},
                 y: {range: [lo, hi]}},
        axes: [{incrs: [1, 2, 5, 10], values: (u, splits) => splits.map(v => Number.isInteger(v) ? String(v) : ""), size: 26},
               {size: 52, values: (u, splits) => splits.map(v => +v.toPrecision(6))}],
        series: [{}, {label: s.label, stroke: "#2f6fd0", width: 2, fill: "rgba(47,111,208,0.08)",
                      points: {show: true, size: 8, fill: "#2f6fd0"}}],
      }, [years, values], holder);
      u.over.addEventListener("click", () => {
        const i = u.cursor.idx;
        if (i !== null && i !== undefined) pick(s.byYear.get(years[i]));
      });
    }
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    info.replaceChildren();
    info.appendChild(el("h3", byId.get(e.from).label + " " + e.label + " " + byId.get(e.to).label));
    info.appendChild(el("div", "kg:" + e.predicate, "meta"));
    for (const s of e.evidence) info.appendChild(el("blockquote", s));
  }
  const hopsBox = document.getElementById("hops");
  network.on("click", p => {
    if (p.nodes.length) {
      showNode(p.nodes[0]);
      const hops = parseInt(hopsBox.value, 10) || 0;
      if (hops > 0) { focus = [p.nodes[0], hops]; apply(); fitVisible(); }
    } else if (p.edges.length) {
      showEdge(p.edges[0]);
    }
  });
  hopsBox.addEventListener("change", () => {  // new hops around the same focus
    const hops = parseInt(hopsBox.value, 10) || 0;
    const at = focus ? focus[0] : network.getSelectedNodes()[0];
    if (!at) return;
    focus = hops > 0 ? [at, hops] : null;
    apply(); fitVisible();
  });
  document.getElementById("reset").addEventListener("click", () => {
    focus = null; hidden.clear(); syncBoxes(); apply(); fitVisible();
    if (mapNet) fitMap();
  });

  // ---- the map view: regions at their coordinates over province (and city) outlines --------------
  const M = DATA.map;
  const markerById = new Map(M ? M.markers.map(m => [m.id, m]) : []);
  const markerIds = new Set(markerById.keys());
  let outlines = null, project = null;
  function decode(coded) {  // [x0, y0, dx1, dy1, …] in 1/grid degrees → a path in the map's coordinates
    const path = new Path2D();
    let x = 0, y = 0;
    for (let i = 0; i < coded.length; i += 2) {
      x += coded[i]; y += coded[i + 1];
      const [px, py] = project(x / M.grid, y / M.grid);
      i ? path.lineTo(px, py) : path.moveTo(px, py);
    }
    return path;
  }
  function bounds(codes) {
    let b = null;
    for (const rings of codes) for (const coded of rings) {
      let x = 0, y = 0;
      for (let i = 0; i < coded.length; i += 2) {
        x += coded[i]; y += coded[i + 1];
        const [px, py] = project(x / M.grid, y / M.grid);
        b = b ? [Math.min(b[0], px), Math.min(b[1], py), Math.max(b[2], px), Math.max(b[3], py)] : [px, py, px, py];
      }
    }
    return b;
  }
  function summary(m) {
    const c = m.count, parts = [];
    if (c.Enterprise) parts.push("企业" + c.Enterprise);
    if (c.Project) parts.push("项目" + c.Project);
    if (c.IndustrialPark) parts.push("园区" + c.IndustrialPark);
    if (m.invest) parts.push(m.invest + "亿元");
    return parts.join(" ");
  }
  function buildMap() {
    const lat0 = M.markers.reduce((a, m) => a + m.lat, 0) / M.markers.length;
    const lon0 = M.markers.reduce((a, m) => a + m.lon, 0) / M.markers.length;
    const kx = 100 * Math.cos(lat0 * Math.PI / 180), ky = 100;  // network units per degree
    project = (lon, lat) => [(lon - lon0) * kx, -(lat - lat0) * ky];
    const focusSet = new Set(M.focusProvinces);
    outlines = {all: new Path2D(), near: new Path2D(), cities: new Path2D(), sea: new Path2D()};
    for (const [code, rings] of Object.entries(M.provinces)) for (const r of rings) {
      const p = decode(r); outlines.all.addPath(p); if (focusSet.has(code.slice(0, 2))) outlines.near.addPath(p);
    }
    for (const rings of Object.values(M.cities)) for (const r of rings) outlines.cities.addPath(decode(r));
    for (const line of M.maritime) outlines.sea.addPath(decode(line));
    const many = M.markers.length > 30;  // past that the counts go to the tooltip: labels would cover each other
    const mnodes = new vis.DataSet(M.markers.map(m => {
      const n = byId.get(m.id), s = summary(m);
      return {id: m.id, label: n.label + (s && !many ? "\n" + s : ""), title: s ? n.label + " " + s : undefined,x: project(m.lon, m.lat)[0], y: project(m.lon, m.lat)[1],
              value: 1 + m.items.length + Math.sqrt(parseFloat(m.invest) || 0), shape: "dot",
              color: {background: m.items.length ? "#ef7d22" : "#9ab", border: "#fff"}, borderWidth: 1.5};
    }));
    mapNet = new vis.Network(document.getElementById("map"), {nodes: mnodes, edges: new vis.DataSet([])}, {
      physics: false, layout: {improvedLayout: false}, interaction: {hover: true, dragNodes: false},
    });
    mapNet.on("beforeDrawing", ctx => {
      const s = mapNet.getScale();
      ctx.save();
      ctx.fillStyle = "#eef3f8"; ctx.fill(outlines.all);
      ctx.fillStyle = "#fbf7ea"; ctx.fill(outlines.near);
      ctx.strokeStyle = "#c8c2b0"; ctx.lineWidth = 0.7 / s; ctx.stroke(outlines.cities);
      ctx.strokeStyle = "#7b8794"; ctx.lineWidth = 1.2 / s; ctx.stroke(outlines.all);
      ctx.setLineDash([4 / s, 3 / s]); ctx.strokeStyle = "#6d8fb3"; ctx.stroke(outlines.sea);
      ctx.restore();
    });
    mapNet.on("click", p => { if (p.nodes.length) showNode(p.nodes[0]); });
    mapNet.on("zoom", restyle);
    window.kgraph.mapNodes = mnodes;
    fitMap();
  }
  // One city or province fills the view when all markers lie in it; several provinces, or the country, otherwise.
  function fitMap() {
    const cities = new Set(M.markers.map(m => (byId.get(m.id).adcode || "").slice(0, 4)));
    const city = cities.size === 1 && M.markers.every(m => byId.get(m.id).cls !== "Province") &&
                 M.cities[[...cities][0] + "00"];
    const near = Object.entries(M.provinces).filter(([code]) => M.focusProvinces.includes(code.slice(0, 2)));
    const b = bounds(city ? [city] : (near.length ? near : Object.entries(M.provinces)).map(([, rings]) => rings));
    const box = document.getElementById("map").getBoundingClientRect();
    const scale = Math.min(box.width / (b[2] - b[0]), box.height / (b[3] - b[1])) * 0.92;
    mapNet.moveTo({position: {x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2}, scale, animation: false});
    restyle();
  }
  // Markers and their labels keep one size on screen at any zoom, as on a printed map.
  function restyle() {
    const s = mapNet.getScale();
    mapNet.setOptions({nodes: {scaling: {min: 7 / s, max: 28 / s, label: {enabled: false}},
                               font: {size: 13 / s, strokeWidth: 3 / s, strokeColor: "#fff"}}});
  }
  function showView(v) {
    if (v === "map" && !M) return;
    document.body.dataset.view = v;
    for (const b of document.querySelectorAll("#views button")) b.classList.toggle("on", b.dataset.view === v);
    if (v === "map" && !mapNet) buildMap();
    else if (v === "map") mapNet.redraw();
    else network.redraw();
  }
  for (const b of document.querySelectorAll("#views button")) b.addEventListener("click", () => showView(b.dataset.view));
  if (!M) document.getElementById("views").style.display = "none";
  if (DATA.mapOnly) document.body.classList.add("map-only");
  document.body.dataset.view = "graph";
  if (DATA.view === "map" && M) showView("map");
  document.body.dataset.ready = "1";
})();
